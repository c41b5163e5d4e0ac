import { describe, expect, it } from 'vitest';
import { SynonymMap } from '../../src/search/synonyms.js';
import { terms } from '../../src/search/text.js';

describe('SynonymMap', () => {
	const map = new SynonymMap([
		['plot', 'story', 'storyline'],
		['box office', 'takings'],
		['actor', 'performer'],
		['cameo', 'appearance'],
		['choreography', 'stunts'],
	]);
	const read = (text: string) => map.applyToText(text);

	it('maps every member of a group to the same term', () => {
		expect(read('story')).toEqual(read('plot'));
		expect(read('storylines')).toEqual(read('plot'));
		expect(read('stories')).toEqual(read('plot'));
	});

	it('matches multi-word members as one phrase', () => {
		expect(read('box office takings')).toEqual(read('takings takings'));
		expect(read('office hours')).toEqual(terms('office hours'));
	});

	it('leaves other words alone', () => {
		expect(read('soundtrack')).toEqual(terms('soundtrack'));
	});

	it('reads a member in its inflections, and a plural member in its singular', () => {
		expect(read('performers')).toEqual(read('actor'));
		expect(read('stunt')).toEqual(read('choreography'));
	});

	it('does not read other words that merely share a member’s stem as the member', () => {
		// "performance" and "performer" stem alike; her performance is not an actor.
		expect(read('her performance')).not.toContain(read('actor')[0]);
		// "appear" stems like "appearance": asking whether someone appears is not asking for a cameo.
		expect(read('does he appear')).not.toContain(read('cameo')[0]);
		expect(read('a brief appearance')).toContain(read('cameo')[0]);
	});

	it('lets the first group a word belongs to give its meaning', () => {
		const overlapping = new SynonymMap([
			['music', 'score'],
			['composer', 'score', 'music'],
		]);
		expect(overlapping.applyToText('score')).toEqual(overlapping.applyToText('music'));
		expect(overlapping.applyToText('composer')).not.toEqual(overlapping.applyToText('music'));
	});
});
