/**
 * Adds one alternate phrasing to a topic of a knowledge file's text, as an insertion: every byte
 * of the file stays as it was, and the new line goes where an author would put it — the last line
 * of the topic's `<!-- alternates: -->` comment (Markdown) or `alternates:` list (YAML, JSON), or
 * a new comment or list right after the topic's heading or last key. The result is parsed with
 * the real loader and accepted only if it loads without a problem and differs from the original
 * in that one alternate alone. Pure: text in, text out.
 */
import { isMap, isScalar, isSeq, parseDocument, stringify, type Node, type Pair, type YAMLMap } from 'yaml';
import { parseBody, type BlockLayout } from './body.js';
import type { KnowledgeFileKind } from './files.js';
import { splitFrontMatter } from './front-matter.js';
import { parseKnowledgeText } from './parse-file.js';
import { slugify } from './slug.js';
import type { KnowledgeDocument } from './types.js';

/** A topic an alternate can be added to: an FAQ entry (by its question) or a section (by its heading). */
export interface EditableTopic {
	kind: 'faq' | 'section';
	title: string;
}

export type InsertRefusal = 'unparseable' | 'not-found' | 'duplicate' | 'invalid-alternate' | 'would-not-validate';

export type InsertResult =
	| { ok: true; text: string; offset: number; inserted: string }
	| { ok: false; reason: InsertRefusal; message: string };

/** Longer than any question worth keeping as a phrasing; Discord's own limit is far above it. */
export const MAX_ALTERNATE_LENGTH = 300;

const refuse = (reason: InsertRefusal, message: string): InsertResult => ({ ok: false, reason, message });

/** One line of text: whitespace runs (line breaks included) become one space. */
export function cleanAlternate(alternate: string): string {
	return alternate.replace(/\s+/g, ' ').trim();
}

function alternateProblem(alternate: string, kind: KnowledgeFileKind): string | undefined {
	if (alternate === '') return 'the question is empty';
	if (alternate.length > MAX_ALTERNATE_LENGTH)
		return `the question is longer than ${MAX_ALTERNATE_LENGTH} characters — shorten it by hand`;
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f]/.test(alternate)) return 'the question contains control characters';
	if (kind === 'markdown' && (alternate.includes('-->') || alternate.includes('<!--')))
		return "the question contains '-->' or '<!--', which would end the alternates comment";
	if (slugify(alternate) === '') return 'the question has no letter or digit';
	return undefined;
}

function parsedDocument(path: string, kind: KnowledgeFileKind, text: string): KnowledgeDocument | undefined {
	const result = parseKnowledgeText({ path, kind }, text);
	return result.problems.length === 0 ? result.parsed?.document : undefined;
}

/** The document with line numbers left out: adding a line moves every later one. */
function withoutLines(document: KnowledgeDocument): unknown {
	return JSON.parse(JSON.stringify(document, (key, value: unknown) => (key === 'line' ? undefined : value)));
}

function topicAlternates(document: KnowledgeDocument, topic: EditableTopic): { question: string; alternates: string[] } | undefined {
	if (topic.kind === 'faq') {
		const entry = document.faq.find((e) => e.question === topic.title);
		return entry && { question: entry.question, alternates: entry.alternates };
	}
	const section = document.sections.find((s) => s.heading === topic.title);
	return section && { question: section.heading, alternates: section.alternates };
}

/** Where the text after `end` starts on a new line: past the line break of the line holding `end - 1`. */
function nextLineStart(text: string, end: number): number {
	const lineBreak = text.indexOf('\n', Math.max(0, end - 1));
	return lineBreak === -1 ? text.length : lineBreak + 1;
}

function lineStart(text: string, offset: number): number {
	return text.lastIndexOf('\n', offset - 1) + 1;
}

/** `lines` (each ending in a line break) inserted at the start of a line, or at the end of a text without a final line break. */
function linesAt(text: string, offset: number, lines: string): { offset: number; inserted: string } {
	if (offset === text.length && text.length > 0 && !text.endsWith('\n'))
		return { offset, inserted: `\n${lines.slice(0, -1)}` };
	return { offset, inserted: lines };
}

type Insertion = { offset: number; inserted: string } | { problem: string };

function markdownInsertion(text: string, file: string, topic: EditableTopic, alternate: string): Insertion {
	const split = splitFrontMatter(file, text);
	const lines = text.split('\n');
	let bodyStart = 0;
	for (let index = 0; index < split.bodyLineOffset; index++) bodyStart += lines[index]!.length + 1;
	const body = parseBody(file, split.body, split.bodyLineOffset);
	const blocks = topic.kind === 'faq' ? body.layout.faq : body.layout.sections;
	const titles = topic.kind === 'faq' ? body.faq.map((e) => e.question) : body.sections.map((s) => s.heading);
	const layout: BlockLayout | undefined = blocks[titles.indexOf(topic.title)];
	if (!layout) return { problem: 'the topic is not where the loader found it' };

	const comment = layout.comments.at(-1);
	if (comment) {
		const raw = split.body.slice(comment.start, comment.end);
		const close = raw.indexOf('-->');
		if (close === -1) return { problem: 'its alternates comment is not closed' };
		const closeAt = bodyStart + comment.start + close;
		const closeLine = lineStart(text, closeAt);
		// The item lines' marker and indentation, after the comment's last item (`- ` by default).
		const items = raw.slice(0, close).split('\n').slice(1);
		const lastItem = items.filter((line) => line.trim() !== '').at(-1);
		const marker = /^(\s*[-*+]\s+)/.exec(lastItem ?? '')?.[1] ?? '- ';
		if (text.slice(closeLine, closeAt).trim() === '')
			return { offset: closeLine, inserted: `${marker}${alternate}\n` };
		// `-->` ends a line with text on it: the new item goes on a line of its own before it.
		return { offset: closeAt, inserted: `\n${marker}${alternate}\n` };
	}

	const block = `<!-- alternates:\n- ${alternate}\n-->\n`;
	if (layout.headingEnd !== undefined) {
		const afterHeading = nextLineStart(text, bodyStart + layout.headingEnd);
		return linesAt(text, afterHeading, `\n${block}`);
	}
	// The introduction has no heading: the comment goes before its first paragraph.
	return { offset: bodyStart + layout.start, inserted: `${block}\n` };
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
	return map.items.find((pair) => (isScalar(pair.key) ? String(pair.key.value) : String(pair.key)) === key);
}

function rangeOf(node: unknown): [number, number, number] | undefined {
	return node && typeof node === 'object' && 'range' in node ? ((node as Node).range ?? undefined) : undefined;
}

/** The column `offset` is at, when only spaces and list dashes (`  - key:`) come before it on its line. */
function blockIndent(text: string, offset: number): number | undefined {
	const start = lineStart(text, offset);
	return /^[ -]*$/.test(text.slice(start, offset)) ? offset - start : undefined;
}

function blockScalar(alternate: string): string {
	const plain = stringify(alternate, { lineWidth: 0 }).replace(/\n$/, '');
	return plain.includes('\n') ? JSON.stringify(alternate) : plain;
}

function faqListInsertion(text: string, file: string, index: number, alternate: string): Insertion {
	const yaml = parseDocument(text, { schema: 'core', uniqueKeys: false });
	if (yaml.errors.length > 0 || !isMap(yaml.contents)) return { problem: 'it is not a YAML mapping' };
	const faq = pairOf(yaml.contents, 'faq')?.value;
	const entry: unknown = isSeq(faq) ? faq.items[index] : undefined;
	if (!isMap(entry)) return { problem: `faq item ${index + 1} is not a mapping` };
	const json = file.toLowerCase().endsWith('.json');
	const quoted = JSON.stringify(alternate);

	const list = pairOf(entry, 'alternates')?.value;
	if (list !== undefined) {
		if (!isSeq(list)) return { problem: "its 'alternates:' is not a list" };
		const listRange = rangeOf(list);
		if (!listRange) return { problem: "its 'alternates:' list has no position" };
		if (list.flow) {
			const last = rangeOf(list.items.at(-1));
			if (last) return { offset: last[1], inserted: `, ${quoted}` };
			const open = text.indexOf('[', listRange[0]);
			return open === -1 ? { problem: "its 'alternates:' list has no '['" } : { offset: open + 1, inserted: quoted };
		}
		const indent = blockIndent(text, listRange[0]);
		if (indent === undefined) return { problem: "its 'alternates:' list shares a line with other text" };
		const end = rangeOf(list.items.at(-1))?.[1] ?? listRange[1];
		return linesAt(text, nextLineStart(text, end), `${' '.repeat(indent)}- ${blockScalar(alternate)}\n`);
	}

	const entryRange = rangeOf(entry);
	if (!entryRange) return { problem: 'the entry has no position' };
	const lastPair = entry.items.at(-1);
	const lastEnd = rangeOf(lastPair?.value)?.[1] ?? rangeOf(lastPair?.key)?.[1];
	if (lastEnd === undefined) return { problem: 'the entry is empty' };
	const key = json ? '"alternates"' : 'alternates';
	if (entry.flow) {
		const lastKey = rangeOf(lastPair?.key)?.[0] ?? entryRange[0];
		// One pair per line (pretty JSON): the new pair gets a line of its own, indented alike.
		const ownLine = text.slice(entryRange[0], lastKey).includes('\n');
		const indent = /^[ \t]*/.exec(text.slice(lineStart(text, lastKey)))?.[0] ?? '';
		return { offset: lastEnd, inserted: `,${ownLine ? `\n${indent}` : ' '}${key}: [${quoted}]` };
	}
	const indent = blockIndent(text, entryRange[0]);
	if (indent === undefined) return { problem: 'the entry shares a line with other text' };
	const pad = ' '.repeat(indent);
	return linesAt(text, nextLineStart(text, lastEnd), `${pad}${key}:\n${pad}  - ${blockScalar(alternate)}\n`);
}

/**
 * `text` (a knowledge file's text as the loader reads it: UTF-8, `\n` line ends) with `alternate`
 * added to `topic`. `file` is its path relative to the knowledge folder (for the loader).
 */
export function insertAlternate(
	file: string,
	kind: KnowledgeFileKind,
	text: string,
	topic: EditableTopic,
	question: string,
): InsertResult {
	const alternate = cleanAlternate(question);
	const problem = alternateProblem(alternate, kind);
	if (problem) return refuse('invalid-alternate', `${problem}.`);
	if (kind === 'synonyms') return refuse('not-found', `${file} holds synonyms, not topics.`);

	const before = parsedDocument(file, kind, text);
	if (!before)
		return refuse('unparseable', `${file} does not load as it is (run \`npm run check\`); it was left untouched.`);
	const target = topicAlternates(before, topic);
	const what = topic.kind === 'faq' ? 'FAQ entry' : 'section';
	if (!target) return refuse('not-found', `${file} has no ${what} '${topic.title}' (any more).`);
	const wanted = slugify(alternate);
	if ([target.question, ...target.alternates].some((known) => slugify(known) === wanted))
		return refuse('duplicate', `'${alternate}' is already a phrasing of '${topic.title}'.`);

	const insertion =
		kind === 'markdown'
			? markdownInsertion(text, file, topic, alternate)
			: faqListInsertion(text, file, before.faq.findIndex((e) => e.question === topic.title), alternate);
	if ('problem' in insertion)
		return refuse('would-not-validate', `cannot place the alternate in ${file}: ${insertion.problem}.`);

	const edited = text.slice(0, insertion.offset) + insertion.inserted + text.slice(insertion.offset);
	const after = parsedDocument(file, kind, edited);
	const expected = structuredClone(before);
	topicAlternates(expected, topic)?.alternates.push(alternate);
	if (!after || JSON.stringify(withoutLines(after)) !== JSON.stringify(withoutLines(expected)))
		return refuse(
			'would-not-validate',
			`adding the alternate to ${file} would not load as intended, so nothing was written; add it by hand.`,
		);
	return { ok: true, text: edited, ...insertion };
}
