/**
 * The learning loop's "add as alternate" as it travels between hosts, and as each host applies it
 * to its own copy of the knowledge folder: through the same byte-exact editor
 * (knowledge/alternate-editor.ts) and its validation, against the file's bytes the edit was made
 * on. A host whose copy already has the alternate (a retry, or hosts sharing one folder) says so
 * instead of refusing.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { addAlternate, type EditableTopic } from '../knowledge/alternate-editor.js';
import { insertAlternate } from '../knowledge/alternate-insert.js';
import { decodeKnowledgeText, kindOf } from '../knowledge/files.js';
import type { EditOutcome, KnowledgeEdit } from './messages.js';

/** A topic as an edit's `entryId`: `faq:<question>` or `section:<heading>`. */
export function entryIdOf(topic: EditableTopic): string {
	return `${topic.kind}:${topic.title}`;
}

/** The topic an `entryId` names, or undefined for one this version cannot read. */
export function topicOf(entryId: string): EditableTopic | undefined {
	const match = /^(faq|section):(.+)$/s.exec(entryId);
	if (!match) return undefined;
	return { kind: match[1] as EditableTopic['kind'], title: match[2]! };
}

/** The edit for adding `question` to `topic` in `file`, whose bytes the live knowledge has as `beforeHash`. */
export function knowledgeEdit(options: {
	file: string;
	topic: EditableTopic;
	question: string;
	beforeHash: string;
}): KnowledgeEdit {
	return {
		file: options.file,
		entryId: entryIdOf(options.topic),
		alternate: options.question,
		beforeHash: options.beforeHash,
	};
}

/** True when `file` in `knowledgeDir` already holds the alternate (the editor would call it a duplicate). */
async function alreadyThere(
	knowledgeDir: string,
	edit: KnowledgeEdit,
	topic: EditableTopic,
): Promise<boolean> {
	const kind = kindOf(edit.file);
	if (kind !== 'markdown' && kind !== 'faq-list') return false;
	try {
		const decoded = decodeKnowledgeText(
			{ path: edit.file },
			await readFile(path.join(knowledgeDir, edit.file)),
		);
		if (!decoded.ok) return false;
		const inserted = insertAlternate(edit.file, kind, decoded.text, topic, edit.alternate);
		return !inserted.ok && inserted.reason === 'duplicate';
	} catch {
		return false;
	}
}

/** Applies `edit` to this host's copy of the knowledge (`knowledgeDir`); never throws. */
export async function applyKnowledgeEdit(knowledgeDir: string, edit: KnowledgeEdit): Promise<EditOutcome> {
	const topic = topicOf(edit.entryId);
	if (!topic) return { status: 'refused', reason: `cannot read the entry id "${edit.entryId}"` };
	const result = await addAlternate({
		knowledgeDir,
		file: edit.file,
		topic,
		question: edit.alternate,
		expectedDigest: edit.beforeHash,
	});
	if (result.ok) return { status: 'applied' };
	if (
		(result.reason === 'changed' || result.reason === 'duplicate') &&
		(await alreadyThere(knowledgeDir, edit, topic))
	)
		return { status: 'already-applied' };
	return { status: 'refused', reason: result.message };
}
