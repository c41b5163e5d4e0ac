/**
 * Votes are de-duplicated by a keyed hash of the voter's user id, never the id itself: without the
 * key, the stored hashes cannot be matched to users. The key is FEEDBACK_SECRET, or one generated
 * once into the data folder (readable by its owner only) and kept there.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const FEEDBACK_KEY_FILE = 'feedback-secret';

const GENERATED_KEY = /^[0-9a-f]{64}$/;

function errorCode(error: unknown): string | undefined {
	return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** The key from `secret`, else from (or newly into) `<dataDir>/feedback-secret`. */
export async function loadFeedbackKey(settings: {
	dataDir: string;
	feedbackSecret: string | undefined;
}): Promise<Buffer> {
	if (settings.feedbackSecret !== undefined) return Buffer.from(settings.feedbackSecret, 'utf8');
	const file = path.join(settings.dataDir, FEEDBACK_KEY_FILE);
	await mkdir(settings.dataDir, { recursive: true });
	// Written whole under a temporary name, then linked into place: of two shards starting at once,
	// one links its key and the other reads that one, never a half-written file.
	const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
	await writeFile(temporary, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
	try {
		await link(temporary, file);
	} catch (error) {
		if (errorCode(error) !== 'EEXIST') throw error;
	} finally {
		await unlink(temporary);
	}
	const text = (await readFile(file, 'utf8')).trim();
	if (!GENERATED_KEY.test(text)) {
		throw new Error(
			`${file} is not a feedback key (64 hex digits) — delete it to have a new one generated (votes cast so far then count afresh), or set FEEDBACK_SECRET`,
		);
	}
	return Buffer.from(text, 'hex');
}

/** What a vote is stored under instead of the voter's user id. */
export function voterHash(key: Buffer, userId: string): string {
	return createHmac('sha256', key).update(userId, 'utf8').digest('hex');
}
