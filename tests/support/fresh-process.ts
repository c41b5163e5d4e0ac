/**
 * Runs the engine or the ranking in a new Node process, so a determinism test compares two
 * processes, not one function with itself: state that lives for one process (a random seed, the
 * order a Map or a cache was filled in, a warmed JIT) cannot make both sides agree by accident.
 *
 * Run as a script, it reads one request as JSON on stdin and writes the results as JSON.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildEngine } from '../../src/answer/engine.js';
import type { Answer } from '../../src/answer/types.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import type { SearchEntry } from '../../src/search/search-index.js';
import { indexEntries } from '../../testkit/search-index.js';
import { rank, type Hit } from '../../src/search/rank.js';

export type FreshRequest =
	| { kind: 'engine'; knowledge: KnowledgeBase; questions: string[] }
	| { kind: 'rank'; entries: SearchEntry[]; queries: string[] };

const SCRIPT = fileURLToPath(import.meta.url);
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

function answer(request: FreshRequest): Answer[] | Hit[][] {
	if (request.kind === 'engine') {
		const engine = buildEngine(request.knowledge);
		return request.questions.map((question) => engine.ask(question));
	}
	const index = indexEntries(request.entries);
	return request.queries.map((query) => rank(index, query));
}

async function inFreshProcess(request: FreshRequest): Promise<unknown> {
	const child = promisify(execFile)(TSX, [SCRIPT], { timeout: 60_000 });
	child.child.stdin?.end(JSON.stringify(request));
	const { stdout } = await child;
	return JSON.parse(stdout) as unknown;
}

/** What a new process answers to `questions` with an engine over `knowledge`. */
export function answersInFreshProcess(knowledge: KnowledgeBase, questions: string[]): Promise<unknown> {
	return inFreshProcess({ kind: 'engine', knowledge, questions });
}

/** How a new process ranks `queries` over an index of `entries`. */
export function rankingsInFreshProcess(entries: SearchEntry[], queries: string[]): Promise<unknown> {
	return inFreshProcess({ kind: 'rank', entries, queries });
}

if (process.argv[1] === SCRIPT) {
	let input = '';
	process.stdin.setEncoding('utf8');
	process.stdin.on('data', (chunk: string) => (input += chunk));
	process.stdin.on('end', () => {
		process.stdout.write(JSON.stringify(answer(JSON.parse(input) as FreshRequest)));
	});
}
