import { describe, expect, it } from 'vitest';
import { documentsMatching, resolveTitle } from '../../src/answer/document-titles.js';
import type { DocumentSummary } from '../../src/answer/types.js';

const summary = (id: string, title: string, aliases: string[] = []): DocumentSummary => ({
	id,
	title,
	aliases,
	sections: 1,
	faqEntries: 1,
});
const harbor = summary('harbor-lights', 'Harbor Lights', ['Harbour Lights']);
const rules = summary('server-rules', 'Server Rules', ['Rules', 'Café']);
const club = summary('rules', 'Rules Club', ['Rules']);

describe('which document a title names', () => {
	it('takes a title or alias as people type it: any case, accents', () => {
		expect(resolveTitle([harbor, rules], 'harbor lights')).toEqual({ ok: true, document: harbor });
		expect(resolveTitle([harbor, rules], 'HARBOUR LIGHTS')).toEqual({ ok: true, document: harbor });
		expect(resolveTitle([harbor, rules], 'cafe')).toEqual({ ok: true, document: rules });
	});

	it('takes an id exactly, before any title or alias that is the same word', () => {
		expect(resolveTitle([rules, club], 'rules')).toEqual({ ok: true, document: club });
	});

	it('refuses a title that names several documents, listing them with their ids', () => {
		expect(resolveTitle([rules, club], 'RULES')).toEqual({
			ok: false,
			notice: 'Which one? “RULES” names several: “Server Rules” (server-rules), “Rules Club” (rules).',
		});
	});

	it('needs no title when there is one document, and asks which one when there are several', () => {
		expect(resolveTitle([harbor], undefined)).toEqual({ ok: true, document: harbor });
		expect(resolveTitle([harbor, rules], undefined)).toEqual({
			ok: false,
			notice: 'Which one? Name a title: “Harbor Lights”, “Server Rules”.',
		});
	});

	it('says what it knows when the title names nothing, and when nothing is loaded', () => {
		expect(resolveTitle([harbor, rules], 'nope')).toEqual({
			ok: false,
			notice: "I don't know a document called “nope”. Try “Harbor Lights”, “Server Rules”.",
		});
		expect(resolveTitle([], 'nope')).toEqual({ ok: false, notice: 'No documents are loaded right now.' });
	});

	it('offers, while typing, the documents whose title, alias or id contains what is typed', () => {
		expect(documentsMatching([harbor, rules, club], 'harb')).toEqual([harbor]);
		expect(documentsMatching([harbor, rules, club], 'RUL')).toEqual([rules, club]);
		expect(documentsMatching([harbor, rules, club], 'server-')).toEqual([rules]);
		expect(documentsMatching([harbor, rules, club], '')).toEqual([harbor, rules, club]);
	});
});
