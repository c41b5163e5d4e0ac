import { describe, expect, it } from 'vitest';
import { SynonymMap } from '../../src/search/synonyms.js';
import { terms } from '../../src/search/text.js';

describe('SynonymMap', () => {
	const map = new SynonymMap([
		['plot', 'story', 'storyline'],
		['box office', 'takings'],
	]);

	it('maps every member of a group to the same term', () => {
		expect(map.apply(terms('story'))).toEqual(map.apply(terms('plot')));
		expect(map.apply(terms('storylines'))).toEqual(map.apply(terms('plot')));
	});

	it('matches multi-word members as one phrase', () => {
		expect(map.apply(terms('box office takings'))).toEqual(map.apply(terms('takings takings')));
		expect(map.apply(terms('office hours'))).toEqual(terms('office hours'));
	});

	it('leaves other words alone', () => {
		expect(map.apply(terms('soundtrack'))).toEqual(terms('soundtrack'));
	});
});
