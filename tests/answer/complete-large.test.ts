import { describe, expect, it } from 'vitest';
import { buildEngine } from '../../src/answer/engine.js';
import type { FaqEntry, KnowledgeDocument } from '../../src/knowledge/types.js';

// Large enough that autocomplete goes through the index instead of scanning every title.
const NOUNS = ['avatar', 'badge', 'crate', 'emote', 'guild', 'inventory', 'lobby', 'mount', 'quest', 'skin'];
const VERBS = ['rename', 'trade', 'upgrade', 'hide', 'share', 'sell', 'repair', 'unlock'];
const PLACES = ['console', 'browser', 'phone', 'tablet', 'launcher', 'desktop', 'handheld', 'tv'];

function filler(count: number): FaqEntry[] {
	const entries: FaqEntry[] = [];
	for (let i = 0; entries.length < count; i++) {
		const noun = NOUNS[i % NOUNS.length]!;
		const verb = VERBS[Math.floor(i / NOUNS.length) % VERBS.length]!;
		const place = PLACES[Math.floor(i / (NOUNS.length * VERBS.length)) % PLACES.length]!;
		const question = `How do I ${verb} my ${noun} on the ${place} (${i})?`;
		entries.push({
			id: `q${i}`,
			question,
			answer: `Open the ${noun} menu and choose ${verb}.`,
			alternates: [],
		});
	}
	return entries;
}

function faqDocument(id: string, faq: FaqEntry[]): KnowledgeDocument {
	return { id, title: id, aliases: [], kind: 'general', file: `${id}.yaml`, sections: [], faq, synonyms: [] };
}

const support = faqDocument('support', [
	...filler(2_500),
	{ id: 'pw', question: 'How do I reset my password?', answer: 'Use the reset link.', alternates: [] },
	{ id: 'refund', question: 'Can I get a refund for a crate?', answer: 'Within 14 days.', alternates: [] },
]);
const rules = faqDocument('rules', [
	{ id: 'ads', question: 'Can I advertise my server?', answer: 'Only in #promotion.', alternates: [] },
	{ id: 'pw-share', question: 'May I share my password with a friend?', answer: 'Never.', alternates: [] },
]);
const engine = buildEngine({ documents: [support, rules], synonyms: [] });

describe('autocomplete on a large knowledge base', () => {
	it('completes the word still being typed and puts the matching question first', () => {
		const [first] = engine.complete('how do i reset my passw', 5);
		expect(first).toEqual({
			title: 'How do I reset my password?',
			documentId: 'support',
			question: 'How do I reset my password?',
		});
	});

	it('offers topics for a word prefix alone', () => {
		const titles = engine.complete('refu', 5).map((t) => t.title);
		expect(titles).toContain('Can I get a refund for a crate?');
	});

	it('treats a word followed by a space as finished', () => {
		const titles = engine.complete('advertise ', 5).map((t) => t.title);
		expect(titles[0]).toBe('Can I advertise my server?');
	});

	it('stays within the limit, without repeats, and within the document asked for', () => {
		const all = engine.complete('password', 25);
		expect(all.length).toBeGreaterThan(1);
		expect(all.length).toBeLessThanOrEqual(25);
		expect(new Set(all.map((t) => `${t.documentId}/${t.title}`)).size).toBe(all.length);
		const inRules = engine.complete('password', 25, { documentId: 'rules' });
		expect(inRules.map((t) => t.title)).toEqual(['May I share my password with a friend?']);
		expect(engine.complete('upgrade my skin', 3)).toHaveLength(3);
	});

	it('offers nothing for words the knowledge never uses', () => {
		expect(engine.complete('xylophone quartet', 5)).toEqual([]);
	});
});
