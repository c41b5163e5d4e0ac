/**
 * Slugs (FAQ entry ids, section ids): the one-pass route for ASCII text gives exactly what the
 * reference regular expressions give, so a stored entry's derived id is the id the parser made.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slugify, slugifyFully } from '../../src/knowledge/slug.js';

describe('slugify', () => {
	it('gives the reference slug for ASCII text, property-based (every ASCII character, runs of them)', () => {
		const ascii = fc.string({
			unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)),
			maxLength: 60,
		});
		fc.assert(
			fc.property(ascii, (text) => {
				expect(slugify(text)).toBe(slugifyFully(text));
			}),
			{ numRuns: 2_000 },
		);
	});

	it('slugs questions as authors write them, ASCII or not', () => {
		const cases: [string, string][] = [
			["Can't log in -- what's wrong?", 'cant-log-in-whats-wrong'],
			['  ?! ', ''],
			['Where is the `config` file?', 'where-is-the-config-file'],
			['Über-Café: ça coûte combien ?', 'uber-cafe-ca-coute-combien'],
			['C++ / C# & F#', 'c-c-f'],
		];
		for (const [text, slug] of cases) {
			expect(slugify(text)).toBe(slug);
			expect(slugifyFully(text)).toBe(slug);
		}
	});
});
