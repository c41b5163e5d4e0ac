import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DIRECTOR_QUESTION, TITLED_DIRECTOR_QUESTION } from '../support/questions.js';

const run = promisify(execFile);
const tsx = ['node_modules/.bin/tsx', 'src/cli/ask.ts'];

/** The documented JSON contract of `npm run ask -- --json` / `--jsonl`. */
const answerJson = z.strictObject({
	question: z.string(),
	kind: z.enum(['answer', 'abstain', 'smalltalk']),
	answered: z.boolean(),
	answer: z.string(),
	source: z.strictObject({ document: z.string(), title: z.string() }).nullable(),
	score: z.number().min(0).max(1),
	suggestions: z.array(z.string()).max(3),
	abstention: z.enum(['vague', 'no-candidate', 'known-gap', 'names-only', 'low-confidence']).nullable(),
});

function askWithStdin(args: string[], input: string): Promise<{ stdout: string; code: number }> {
	return new Promise((resolve) => {
		const child = execFile(tsx[0]!, [tsx[1]!, ...args], (error, stdout) =>
			resolve({ stdout, code: error ? Number(error.code ?? 1) : 0 }),
		);
		child.stdin?.end(input);
	});
}

describe('npm run ask', () => {
	it('--json prints one object with the answer and its source', async () => {
		const { stdout } = await run(tsx[0]!, [tsx[1]!, '--json', TITLED_DIRECTOR_QUESTION]);
		const parsed = answerJson.parse(JSON.parse(stdout));
		expect(parsed.answered).toBe(true);
		expect(parsed.answer).toContain('Len Wiseman');
		expect(parsed.source?.document).toBe('From the World of John Wick: Ballerina');
	});

	it('--jsonl answers each stdin line in order, one object per line, abstentions included', async () => {
		const questions = ['when is the premiere', 'how do I reset my router password', 'thanks!'];
		const { stdout, code } = await askWithStdin(['--jsonl'], `${questions.join('\n')}\n`);
		expect(code).toBe(0);
		const rows = stdout
			.trim()
			.split('\n')
			.map((line) => answerJson.parse(JSON.parse(line)));
		expect(rows.map((r) => r.question)).toEqual(questions);
		expect(rows.map((r) => r.answered)).toEqual([true, false, false]);
		// `answered` alone cannot tell the abstention from the small talk; `kind` can.
		expect(rows.map((r) => r.kind)).toEqual(['answer', 'abstain', 'smalltalk']);
		expect(rows[1]?.suggestions.length).toBeGreaterThan(0);
		expect(rows[1]?.source).toBeNull();
		// Why it abstained: nothing in a film review is about routers. Only abstentions say why.
		expect(rows.map((r) => r.abstention)).toEqual([null, 'no-candidate', null]);
	});

	it('--jsonl keeps one object per input line: a blank line gets an abstention with no suggestions', async () => {
		const { stdout, code } = await askWithStdin(['--jsonl'], `${DIRECTOR_QUESTION}\n\n   \nthanks!\n`);
		expect(code).toBe(0);
		const rows = stdout
			.trim()
			.split('\n')
			.map((line) => answerJson.parse(JSON.parse(line)));
		expect(rows.map((r) => [r.question, r.kind])).toEqual([
			[DIRECTOR_QUESTION, 'answer'],
			['', 'abstain'],
			['   ', 'abstain'],
			['thanks!', 'smalltalk'],
		]);
		expect(rows[1]).toMatchObject({
			answered: false,
			source: null,
			score: 0,
			suggestions: [],
			abstention: 'vague',
		});
	});

	it('prints a human-readable answer with its source by default', async () => {
		const { stdout } = await run(tsx[0]!, [tsx[1]!, "ballerina's running time"]);
		expect(stdout).toContain('120 minutes');
		expect(stdout).toMatch(/Source: From the World of John Wick: Ballerina › Runtime/);
	});

	it('rejects unknown flags with a usage message and exit code 2', async () => {
		const { code } = await askWithStdin(['--jsn', 'hi'], '');
		expect(code).toBe(2);
	});
});
