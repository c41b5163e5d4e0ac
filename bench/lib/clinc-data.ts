/** Reads the CLINC150 data set and turns it into FAQ knowledge: one entry per intent. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { KnowledgeBase } from '../../src/knowledge/types.js';

const pair = z.tuple([z.string().min(1), z.string().min(1)]);
const split = z.array(pair);

export const clincSchema = z.object({
	train: split,
	val: split,
	test: split,
	oos_train: split,
	oos_val: split,
	oos_test: split,
});

export type ClincData = z.output<typeof clincSchema>;
export type Labelled = { utterance: string; intent: string };

/** Where the data lives unless `--data` says otherwise, relative to the repository root (cwd). */
export const DEFAULT_CLINC_PATH = '../shared/benchmarks/clinc150/data_full.json';

export async function loadClinc(file: string): Promise<ClincData> {
	const resolved = path.resolve(process.cwd(), file);
	let text: string;
	try {
		text = await readFile(resolved, 'utf8');
	} catch (error) {
		throw new Error(`cannot read CLINC150 data at ${resolved} (pass --data <path>): ${String(error)}`);
	}
	const result = clincSchema.safeParse(JSON.parse(text));
	if (!result.success)
		throw new Error(`${resolved} is not CLINC150 data_full.json: ${z.prettifyError(result.error)}`);
	return result.data;
}

export const labelled = (pairs: readonly (readonly [string, string])[]): Labelled[] =>
	pairs.map(([utterance, intent]) => ({ utterance, intent }));

/** Intent name -> its train utterances, in data order. */
export function trainByIntent(data: ClincData): Map<string, string[]> {
	const byIntent = new Map<string, string[]>();
	for (const [utterance, intent] of data.train) {
		const list = byIntent.get(intent);
		if (list) list.push(utterance);
		else byIntent.set(intent, [utterance]);
	}
	return byIntent;
}

/**
 * One plain FAQ document with one entry per intent: the first train utterance is the question,
 * the other train utterances are its alternates and the answer is the intent's name. The title
 * is a word no utterance uses, so no question gets scoped to the document by name.
 */
export function clincKnowledge(data: ClincData): KnowledgeBase {
	const faq = [...trainByIntent(data)].map(([intent, utterances]) => ({
		id: intent.replace(/_/g, '-'),
		question: utterances[0]!,
		answer: intent,
		alternates: utterances.slice(1),
	}));
	return {
		synonyms: [],
		documents: [
			{
				id: 'clinc150',
				title: 'CLINC150',
				aliases: [],
				kind: 'general',
				file: 'clinc150.yaml',
				sections: [],
				faq,
				synonyms: [],
			},
		],
	};
}
