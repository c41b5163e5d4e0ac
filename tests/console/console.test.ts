import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DIRECTOR_QUESTION, MUSIC_QUESTION, RUNTIME_QUESTION } from '../support/questions.js';

function startWithPipe(input: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = execFile(
			'node_modules/.bin/tsx',
			['src/main.ts'],
			{ env: { ...process.env, DISCORD_TOKEN: '', DOTENV_CONFIG_PATH: '/nonexistent' }, timeout: 20_000 },
			(error, stdout) => (error ? reject(new Error(error.message)) : resolve(stdout)),
		);
		child.stdin?.end(input);
	});
}

describe('npm start without a token', () => {
	it('opens the local console, answers each piped line and exits at end of input', async () => {
		const output = await startWithPipe(`${MUSIC_QUESTION}\n/release\n/cast\nwhat is the capital of peru\n`);
		const lines = output.split('\n');
		expect(lines[0]).toMatch(/DISCORD_TOKEN/);
		expect(output).toContain('Tyler Bates');
		expect(output).toContain('June 6, 2025');
		expect(output).toContain('Ana de Armas as Rooney');
		expect(output).toMatch(/doesn't cover it/);
	});

	it('names /help in the banner and takes help, reload, quit and exit typed without the slash as commands', async () => {
		const output = await startWithPipe(`help\nRELOAD\nquit\n${DIRECTOR_QUESTION}\n`);
		const [, banner] = output.split('\n');
		expect(banner).toContain('/help');
		expect(output).toContain('Ask any question, or use a command:');
		expect(output).toContain('Reloaded: now serving 1 document');
		expect(output).not.toMatch(/doesn't cover it/);
		// `quit` ended the session: the question after it was never answered.
		expect(output).not.toContain('Len Wiseman');
		const exit = await startWithPipe(`exit\n${DIRECTOR_QUESTION}\n`);
		expect(exit).not.toContain('Len Wiseman');
		// A question that merely contains the word is still a question.
		expect(await startWithPipe(`help me, ${RUNTIME_QUESTION}\n`)).toContain('120 minutes');
	});

	it('/reload reports the knowledge it loaded', async () => {
		const output = await startWithPipe('/reload\n');
		expect(output).toContain('Reloaded: now serving 1 document · 10 sections · 5 FAQ entries.');
	});
});

describe('npm start with a token', () => {
	it('exits with a clear message, never the token, when Discord cannot be reached', async () => {
		const token = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.c2VjcmV0.do-not-print-me';
		const result = await new Promise<{ code: number; output: string }>((resolve) => {
			execFile(
				'node_modules/.bin/tsx',
				['src/main.ts'],
				{
					env: { ...process.env, DISCORD_TOKEN: token, DISCORD_API_URL: 'http://127.0.0.1:9/api' },
					timeout: 20_000,
				},
				(error, stdout, stderr) => resolve({ code: Number(error?.code ?? 0), output: stdout + stderr }),
			);
		});
		expect(result.code).toBe(1);
		expect(result.output).toContain('could not connect to Discord at http://127.0.0.1:9/api');
		expect(result.output).not.toContain('do-not-print-me');
	});
});
