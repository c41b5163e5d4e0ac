import { describe, expect, it } from 'vitest';
import { parseMarkdownDocument } from '../../src/knowledge/markdown.js';
import type { KnowledgeProblem } from '../../src/knowledge/types.js';
import { lines } from './helpers.js';

function problemsOf(text: string, file = 'doc.md'): KnowledgeProblem[] {
	const parsed = parseMarkdownDocument(file, text);
	if (parsed.problems.length > 0) expect(parsed.document).toBeUndefined();
	return parsed.problems;
}

/** A document with the given front matter lines and a valid body. */
function withFrontMatter(...frontMatter: string[]): string {
	return lines('---', ...frontMatter, '---', '', 'Some text.');
}

describe('front matter problems', () => {
	it('reports missing front matter on line 1', () => {
		expect(problemsOf(lines('# Title', '', 'Text.'))).toEqual([
			{ file: 'doc.md', line: 1, message: expect.stringContaining('missing front matter') as string },
		]);
	});

	it('reports front matter that is never closed', () => {
		expect(problemsOf(lines('---', 'title: T', '', 'Text.'))).toEqual([
			{ file: 'doc.md', line: 1, message: expect.stringContaining("add a '---' line") as string },
		]);
	});

	it('reports invalid YAML with the line of the YAML error in the file', () => {
		const problems = problemsOf(withFrontMatter('title: T', 'aliases: [a, b', 'kind: film'));
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatchObject({
			file: 'doc.md',
			line: 4,
			message: expect.stringMatching(/^invalid YAML: /) as string,
		});
	});

	it('reports a duplicated key as invalid YAML', () => {
		expect(problemsOf(withFrontMatter('title: T', 'title: U'))).toEqual([
			{ file: 'doc.md', line: 3, message: "duplicate key 'title' — also at line 2; keep only one" },
		]);
	});

	it('reports empty front matter', () => {
		expect(problemsOf(withFrontMatter())).toEqual([
			{ file: 'doc.md', line: 1, message: expect.stringContaining('empty') as string },
		]);
	});

	it('names an unknown key and lists the allowed ones', () => {
		expect(problemsOf(withFrontMatter('title: T', 'relese_date: 2025-06-06'))).toEqual([
			{
				file: 'doc.md',
				line: 3,
				field: 'relese_date',
				message:
					"unknown key 'relese_date' (did you mean 'releaseDate'?) — allowed: id, title, aliases, kind, releaseDate, director, cast, composers, runtimeMinutes, synonyms",
			},
		]);
	});

	it('reports unknown keys inside nested objects with their path', () => {
		const problems = problemsOf(
			withFrontMatter('title: T', 'cast:', '  - actor: A', '  - actor: B', '    character: C', 'director:', '    name: D', '    films: [E]'),
		);
		expect(problems).toEqual([
			{ file: 'doc.md', line: 6, field: 'cast.1.character', message: expect.stringContaining('allowed: actor, role, knownFor') as string },
			{ file: 'doc.md', line: 9, field: 'director.films', message: expect.stringContaining('allowed: name, knownFor') as string },
		]);
	});

	it.each([['2025-13-40'], ['June 6'], ['2025-02-29'], ['2025-6-6']])('rejects the release date %s', (date) => {
		expect(problemsOf(withFrontMatter('title: T', `releaseDate: ${date}`))).toEqual([
			{ file: 'doc.md', line: 3, field: 'releaseDate', message: `expected an ISO date YYYY-MM-DD, got '${date}'` },
		]);
	});

	it('accepts a real leap day, quoted or not', () => {
		expect(problemsOf(withFrontMatter('title: T', 'releaseDate: 2024-02-29'))).toEqual([]);
		expect(problemsOf(withFrontMatter('title: T', 'releaseDate: "2024-02-29"'))).toEqual([]);
	});

	it('reports a missing or empty title', () => {
		expect(problemsOf(withFrontMatter('kind: film'))).toEqual([
			{ file: 'doc.md', line: 2, field: 'title', message: "missing required key 'title'" },
		]);
		expect(problemsOf(withFrontMatter('title: "  "'))).toEqual([
			{ file: 'doc.md', line: 2, field: 'title', message: 'must not be empty' },
		]);
	});

	it('reports wrong types with the field path and the line of the value', () => {
		const problems = problemsOf(
			withFrontMatter(
				'title: T',
				'kind: movie',
				'aliases: Ballerina',
				'cast:',
				'  - actor: A',
				'    role: 5',
				'composers: [X, ""]',
				'runtimeMinutes: 1.5',
				'synonyms:',
				'  - [alone]',
			),
		);
		expect(problems).toEqual([
			{ file: 'doc.md', line: 3, field: 'kind', message: "expected one of film, general, got 'movie'" },
			{ file: 'doc.md', line: 4, field: 'aliases', message: "expected a list, got 'Ballerina'" },
			{ file: "doc.md", line: 7, field: "cast.0.role", message: 'expected text, got 5 — put it in quotes: "5"' },
			{ file: 'doc.md', line: 8, field: 'composers.1', message: 'must not be empty' },
			{ file: 'doc.md', line: 9, field: 'runtimeMinutes', message: 'expected a whole number, got 1.5' },
			{
				file: 'doc.md',
				line: 11,
				field: 'synonyms.0',
				message: 'a synonym group needs at least 2 words or phrases',
			},
		]);
	});

	it('rejects a runtime that is not positive and a badly formed id', () => {
		expect(problemsOf(withFrontMatter('id: My Film', 'title: T', 'runtimeMinutes: 0'))).toEqual([
			{ file: 'doc.md', line: 2, field: 'id', message: expect.stringContaining("got 'My Film'") as string },
			{ file: 'doc.md', line: 4, field: 'runtimeMinutes', message: 'must be greater than 0' },
		]);
	});

	it('suggests quoting a title YAML reads as a number', () => {
		expect(problemsOf(withFrontMatter('title: 1917'))).toEqual([
			{ file: 'doc.md', line: 2, field: 'title', message: 'expected text, got 1917 — put it in quotes: "1917"' },
		]);
		expect(problemsOf(withFrontMatter('title: "1917"'))).toEqual([]);
	});

	it('asks for an id when the file name cannot be one', () => {
		expect(problemsOf(withFrontMatter('title: T'), 'My Notes.md')).toEqual([
			{ file: 'My Notes.md', field: 'id', message: expect.stringContaining("'My Notes' is not a valid document id") as string },
		]);
	});
});

describe('body problems', () => {
	it('reports a section with no text at its heading', () => {
		expect(problemsOf(lines('---', 'title: T', '---', '## Empty', '## Full', 'Text.'))).toEqual([
			{ file: 'doc.md', line: 4, message: expect.stringContaining("section 'Empty' has no text") as string },
		]);
	});

	it('reports duplicate section headings, naming the first', () => {
		expect(problemsOf(lines('---', 'title: T', '---', '## Plot', 'A.', '', '## plot!', 'B.'))).toEqual([
			{ file: 'doc.md', line: 7, message: "duplicate section heading 'plot!' — also at line 4" },
		]);
	});

	it('reports a FAQ question without an answer and duplicate questions', () => {
		const problems = problemsOf(
			lines('---', 'title: T', '---', '## FAQ', '### 1. Who?', '### 2. Who?', 'Them.', '### When?', '## After', 'Text.'),
		);
		expect(problems).toEqual([
			{ file: 'doc.md', line: 5, message: expect.stringContaining("FAQ question 'Who?' has no answer text") as string },
			{ file: 'doc.md', line: 6, message: "duplicate FAQ question 'Who?' — also at line 5" },
			{ file: 'doc.md', line: 8, message: expect.stringContaining("FAQ question 'When?' has no answer text") as string },
		]);
	});

	it('reports a FAQ section without questions and text before the first question', () => {
		expect(problemsOf(lines('---', 'title: T', '---', 'Intro.', '## FAQ'))).toEqual([
			{ file: 'doc.md', line: 5, message: expect.stringContaining('has no questions') as string },
		]);
		expect(problemsOf(lines('---', 'title: T', '---', '## FAQ', 'Stray.', '### Q?', 'A.'))).toEqual([
			{ file: 'doc.md', line: 5, message: expect.stringContaining("after a '### question' heading") as string },
		]);
	});

	it('reports an empty alternates comment and an unclosed comment', () => {
		expect(
			problemsOf(lines('---', 'title: T', '---', '## A', 'Text.', '<!-- alternates:', '-->', '', 'More.', '<!-- oops', '## B', 'x')),
		).toEqual([
			{ file: 'doc.md', line: 6, message: expect.stringContaining('alternates comment is empty') as string },
			{ file: 'doc.md', line: 10, message: expect.stringContaining('not closed') as string },
		]);
	});

	it('reports an alternates comment without its colon, but leaves other comments alone', () => {
		expect(problemsOf(lines('---', 'title: T', '---', 'Text.', '<!-- alternates', '- x', '-->'))).toEqual([
			{ file: 'doc.md', line: 5, message: expect.stringContaining("'alternates:' with a colon") as string },
		]);
		expect(problemsOf(lines('---', 'title: T', '---', 'Text.', '<!-- alternates go here later -->'))).toEqual([]);
	});

	it('reports every problem of a file at once, front matter and body', () => {
		const problems = problemsOf(lines('---', 'title: ""', 'kind: x', '---', '## Empty', '## FAQ', '### Q?'));
		expect(problems.map((problem) => problem.line)).toEqual([2, 3, 5, 7]);
	});

	it('reports a document with nothing in it', () => {
		expect(problemsOf(lines('---', 'title: T', '---'))).toEqual([
			{ file: 'doc.md', message: expect.stringContaining('has no text') as string },
		]);
	});
});
