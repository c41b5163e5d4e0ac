/**
 * Worker threads that run one of the bot's own modules, from TypeScript source (tsx, vitest) or
 * compiled (`npm start`) alike: the module beside the caller with the caller's own extension.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** `./<name>.ts` beside `callerUrl` when it runs from source, `./<name>.js` once compiled. */
export function siblingModule(callerUrl: string, name: string): URL {
	return new URL(`./${name}${path.extname(fileURLToPath(callerUrl))}`, callerUrl);
}

/** Starts a worker thread running the module at `url` (a `.ts` one through tsx). */
export function startModuleWorker(url: URL, options: WorkerOptions = {}): Worker {
	if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
	// Node cannot load .ts itself, and a worker does not get the tsx hooks of the thread that starts
	// it — not even with `--import tsx` in its execArgv (Node 20) — so the worker registers tsx
	// (what `npm start` runs under) itself before loading the worker module. Under vitest too.
	const tsx = import.meta.resolve('tsx/esm/api');
	const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`;
	return new Worker(bootstrap, { ...options, eval: true });
}
