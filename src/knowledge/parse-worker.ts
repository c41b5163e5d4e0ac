/**
 * A parse worker (a worker thread of parse-pool.ts): parses the knowledge files it is sent, one at
 * a time, and sends back exactly what parsing them in the loading thread gives. The result reaches
 * the loader by structured clone, so the parse's garbage stays in this thread's heap, which goes
 * away with the worker; a document's FAQ texts go as one packed buffer, moved rather than copied
 * (outcome-faq.ts), and the loader stores them as they came.
 */
import { parentPort } from 'node:worker_threads';
import type { KnowledgeFileKind } from './files.js';
import { packOutcome } from './outcome-faq.js';
import { parseKnowledgeBytes, type ParseOutcome } from './parse-file.js';
import { packedBuffers, type PackedFaq } from './stored-faq.js';

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
	/** `faq`: the document's FAQ entries, taken out of `outcome` and packed (see outcome-faq.ts). */
	| { type: 'parsed'; id: number; outcome: ParseOutcome; faq?: PackedFaq }
	/** The parser threw — a bug, since parsers report bad input as problems; the load fails, as it would in-thread. */
	| { type: 'failed'; id: number; message: string; stack?: string };

const port = parentPort;
if (!port) throw new Error('parse-worker.ts runs as a worker thread of parse-pool.ts');

port.on('message', (request: ParseRequest) => {
	let reply: ParseReply;
	let transfer: ArrayBuffer[] = [];
	try {
		const { outcome, faq } = packOutcome(parseKnowledgeBytes(request, request.bytes));
		reply = { type: 'parsed', id: request.id, outcome, ...(faq ? { faq } : {}) };
		if (faq) transfer = packedBuffers(faq);
	} catch (error) {
		const failure = error instanceof Error ? error : new Error(String(error));
		reply = {
			type: 'failed',
			id: request.id,
			message: failure.message,
			...(failure.stack === undefined ? {} : { stack: failure.stack }),
		};
	}
	port.postMessage(reply, transfer);
});
port.postMessage({ type: 'ready' } satisfies ParseReply);
