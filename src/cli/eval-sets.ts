import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { EvalCase } from './eval-score.js';

/**
 * The public question sets `npm run eval` scores, and how to read each. The sets live outside
 * the repository (in ../shared), next to the held-out sets that judge the engine; nothing here
 * copies a question into the code.
 */
export interface EvalSet {
	name: string;
	/** What the set measures, for the report. */
	about: string;
	file: string;
	/** The knowledge folder its questions are asked against. */
	knowledgeDir: string;
}

export function publicSets(sharedDir: string, ownKnowledge: string): EvalSet[] {
	return [
		{
			name: 'dev',
			about: 'Ballerina questions the engine was first tuned on',
			file: resolve(sharedDir, 'eval/dev.jsonl'),
			knowledgeDir: ownKnowledge,
		},
		{
			name: 'dev2',
			about: 'Ballerina questions written later, more indirect phrasing',
			file: resolve(sharedDir, 'eval/dev2.jsonl'),
			knowledgeDir: ownKnowledge,
		},
		{
			name: 'stackfaq',
			about: 'a plain FAQ list with no alternates, paraphrased questions',
			file: resolve(sharedDir, 'benchmarks/stackfaq/questions.jsonl'),
			knowledgeDir: resolve(sharedDir, 'benchmarks/stackfaq/knowledge'),
		},
	];
}

/**
 * One line of a set. Ballerina sets give `expect` (phrases the reply must contain); StackFAQ gives
 * `expect_title` (the FAQ entry that must be the source). Both become one EvalCase.
 */
const lineSchema = z
	.object({
		q: z.string(),
		kind: z.enum(['in', 'oos', 'oos-hard']),
		expect: z.array(z.array(z.string()).min(1)).nullable().optional(),
		expect_title: z.string().nullable().optional(),
	})
	.refine((line) => line.kind !== 'in' || line.expect || line.expect_title, {
		message: "an 'in' question needs 'expect' or 'expect_title'",
	});

export class EvalSetError extends Error {}

export async function readEvalSet(file: string): Promise<EvalCase[]> {
	if (!existsSync(file)) {
		throw new EvalSetError(
			`${file}: no such file. The public sets live in ../shared beside the repository; point --set at a JSONL file of {"q", "kind", "expect" | "expect_title"} lines.`,
		);
	}
	const cases: EvalCase[] = [];
	const lines = (await readFile(file, 'utf8')).split('\n');
	lines.forEach((line, i) => {
		if (line.trim() === '') return;
		let json: unknown;
		try {
			json = JSON.parse(line);
		} catch {
			throw new EvalSetError(`${file}:${i + 1}: not valid JSON`);
		}
		const parsed = lineSchema.safeParse(json);
		if (!parsed.success) {
			const problems = parsed.error.issues.map(
				(issue) => `${issue.path.join('.') || 'line'}: ${issue.message}`,
			);
			throw new EvalSetError(`${file}:${i + 1}: ${problems.join('; ')}`);
		}
		const { q, kind, expect, expect_title } = parsed.data;
		cases.push({ q, kind, expect: expect ?? null, expectTitle: expect_title ?? null });
	});
	return cases;
}

/** FNV-1a: a stable hash, so a split of a set is the same on every machine and every run. */
export function stableHash(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

export type SetPart = 'all' | 'tune' | 'check';

/**
 * Half of a set, for checking a change on questions not looked at while making it. Rephrasings of
 * one FAQ entry stay together (by expected title), so the check half holds entries never tuned on.
 */
export function partOf(cases: readonly EvalCase[], part: SetPart): EvalCase[] {
	if (part === 'all') return [...cases];
	return cases.filter((c) => {
		const key = c.expectTitle ?? c.q;
		return (stableHash(key) % 2 === 0) === (part === 'tune');
	});
}
