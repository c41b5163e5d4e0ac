import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMarkdownDocument } from '../../src/knowledge/markdown.js';
import { FIXTURES, lines } from './helpers.js';

async function fixture(name: string): Promise<string> {
	return readFile(path.join(FIXTURES, 'good', name), 'utf8');
}

describe('a well-formed Markdown document', () => {
	it('becomes a document with header fields from the front matter', async () => {
		const { document, problems } = parseMarkdownDocument('night-heist.md', await fixture('night-heist.md'));
		expect(problems).toEqual([]);
		expect(document).toMatchObject({
			id: 'night-heist',
			title: 'The Night Heist',
			aliases: ['Night Heist', 'TNH'],
			kind: 'film',
			file: 'night-heist.md',
			synonyms: [['heist', 'robbery', 'job']],
		});
	});

	it('turns the film front matter into facts, whichever way the director is written', async () => {
		const { document } = parseMarkdownDocument('night-heist.md', await fixture('night-heist.md'));
		expect(document?.facts).toEqual({
			releaseDate: '2024-11-08',
			directors: [
				{ name: 'Mara Quill', knownFor: [] },
				{ name: 'Tobias Renn', knownFor: ['Glass Harbour'] },
			],
			cast: [
				{ name: 'Ines Valko', role: 'Dara', knownFor: ['Low Tide', 'The Orchard'] },
				{ name: 'Sam Okoro', knownFor: [] },
			],
			composers: ['Lio Brandt'],
			runtimeMinutes: 124,
		});
	});

	it('splits the body into an introduction and ## sections, keeping the text exactly', async () => {
		const { document } = parseMarkdownDocument('night-heist.md', await fixture('night-heist.md'));
		expect(document?.sections).toEqual([
			{
				id: 'introduction',
				heading: 'Introduction',
				line: 23,
				paragraphs: [
					'The Night Heist is a “quiet” crime film about a crew that robs a museum during a blackout.',
					'It premiered at a small festival before its wide release.',
				],
				alternates: ['What is The Night Heist?', 'Give me an overview'],
			},
			{
				id: 'the-plot',
				heading: 'The Plot',
				line: 32,
				paragraphs: [
					'Dara plans one last job with her old crew.\nThings go wrong when the power comes back early.',
					// A ### outside the FAQ is folded into its section.
					'The twist',
					'The buyer was the museum’s own curator.',
				],
				alternates: ['What is the story about?', 'What happens in it?'],
			},
			{
				id: 'music',
				heading: 'Music',
				line: 46,
				paragraphs: ['- The score is by Lio Brandt.\n- It uses only a string quartet.'],
				alternates: [],
			},
		]);
	});

	it('reads the FAQ section: numbered ### questions, multi-paragraph answers and alternates', async () => {
		const { document } = parseMarkdownDocument('night-heist.md', await fixture('night-heist.md'));
		expect(document?.faq).toEqual([
			{
				id: 'is-it-based-on-a-true-story',
				question: 'Is it based on a true story?',
				answer: 'No. The story is invented, though the blackout is modelled on a real one.\n\nIt is still fiction.',
				alternates: ['Did this really happen?'],
				line: 53,
			},
			{
				id: 'what-is-the-running-time',
				question: 'What is the running time?',
				answer: 'It runs just over two hours.',
				alternates: [],
				line: 63,
			},
		]);
	});

	it('uses the defaults: id from the file name, general kind, no facts, no aliases', () => {
		const { document, problems } = parseMarkdownDocument(
			'guides/getting-started.md',
			lines('---', 'title: Getting Started', '---', '', 'Welcome.'),
		);
		expect(problems).toEqual([]);
		expect(document).toEqual({
			id: 'getting-started',
			title: 'Getting Started',
			aliases: [],
			kind: 'general',
			file: 'guides/getting-started.md',
			sections: [{ id: 'introduction', heading: 'Introduction', paragraphs: ['Welcome.'], alternates: [], line: 5 }],
			faq: [],
			synonyms: [],
		});
		expect(document).not.toHaveProperty('facts');
	});

	it('takes the id from the front matter when given', () => {
		const { document } = parseMarkdownDocument('x.md', lines('---', 'id: my-doc', 'title: T', '---', 'Text.'));
		expect(document?.id).toBe('my-doc');
	});

	it('has facts with empty lists when only some facts are given', () => {
		const { document } = parseMarkdownDocument('x.md', lines('---', 'title: T', 'runtimeMinutes: 90', '---', 'Text.'));
		expect(document?.facts).toEqual({ directors: [], cast: [], composers: [], runtimeMinutes: 90 });
	});

	it('accepts a single director name and FAQ headings spelled "FAQ" or "FAQs"', () => {
		for (const heading of ['FAQ', 'faqs', 'Frequently asked questions']) {
			const { document, problems } = parseMarkdownDocument(
				'x.md',
				lines('---', 'title: T', 'director: Jo Bell', '---', `## ${heading}`, '### Who?', 'Jo.'),
			);
			expect(problems).toEqual([]);
			expect(document?.facts?.directors).toEqual([{ name: 'Jo Bell', knownFor: [] }]);
			expect(document?.faq.map((entry) => entry.question)).toEqual(['Who?']);
			expect(document?.sections).toEqual([]);
		}
	});

	it('folds deeper headings under a FAQ question into its answer', () => {
		const { document } = parseMarkdownDocument(
			'x.md',
			lines('---', 'title: T', '---', '## FAQ', '### Where?', 'Here.', '#### Details', 'More here.'),
		);
		expect(document?.faq[0]?.answer).toBe('Here.\n\nDetails\n\nMore here.');
	});

	it('does not leave other HTML comments in the text', () => {
		const { document } = parseMarkdownDocument(
			'x.md',
			lines('---', 'title: T', '---', '<!-- editor note -->', '', 'Visible <!-- hidden --> text.'),
		);
		expect(document?.sections[0]?.paragraphs).toEqual(['Visible  text.']);
	});
});
