/**
 * How long an answer taken from a section may be. A section this short is answered whole: the
 * paragraph that matched best often holds only half of what was asked, and readers of a chat
 * reply take a few paragraphs in at a glance. Longer sections are cut at paragraph boundaries.
 */
export const SECTION_ANSWER_LIMIT = 1_200;

/**
 * The answer text for a section whose paragraph `best` matched: that paragraph first, then the
 * section's other paragraphs in their order, as many as fit in `limit` characters.
 */
export function sectionAnswer(
	paragraphs: readonly string[],
	best: number,
	limit: number = SECTION_ANSWER_LIMIT,
): string {
	const first = paragraphs[best] ?? '';
	const kept = [first];
	let length = first.length;
	for (const [i, paragraph] of paragraphs.entries()) {
		if (i === best) continue;
		if (length + 2 + paragraph.length > limit) continue;
		kept.push(paragraph);
		length += 2 + paragraph.length;
	}
	return kept.join('\n\n');
}
