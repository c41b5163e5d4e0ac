/**
 * A parse worker (a worker thread of parse-pool.ts): parses the knowledge files it is sent, one at
 * a time, and sends back exactly what parsing them in the loading thread gives. The result reaches
 * the loader by structured clone, so the parse's garbage stays in this thread's heap, which goes
 * away with the worker.
 */
import { parentPort } from 'node:worker_threads';
import type { KnowledgeFileKind } from './files.js';
import { parseKnowledgeBytes, type ParseOutcome } from './parse-file.js';

/** Loader -> worker: one file to parse. `bytes` is transferred, not copied. */
export interface ParseRequest {
	id: number;
	path: string;
	kind: KnowledgeFileKind;
	bytes: Uint8Array;
}

/** Worker -> loader: ready for files (sent once, when the parsers are loaded), or one file's outcome. */
export type ParseReply =
	| { type: 'ready' }
	| { type: 'parsed'; id: number; outcome: ParseOutcome }
	/** The parser threw — a bug, since parsers report bad input as problems; the load fails, as it would in-thread. */
	| { type: 'failed'; id: number; message: string; stack?: string };

const port = parentPort;
if (!port) throw new Error('parse-worker.ts runs as a worker thread of parse-pool.ts');

port.on('message', (request: ParseRequest) => {
	let reply: ParseReply;
	try {
		reply = { type: 'parsed', id: request.id, outcome: parseKnowledgeBytes(request, request.bytes) };
	} catch (error) {
		const failure = error instanceof Error ? error : new Error(String(error));
		reply = {
			type: 'failed',
			id: request.id,
			message: failure.message,
			...(failure.stack === undefined ? {} : { stack: failure.stack }),
		};
	}
	port.postMessage(reply);
});
port.postMessage({ type: 'ready' } satisfies ParseReply);
