/**
 * Which document a title names, for every command that takes one (/release, /cast, /faq) in every
 * interface: an id exactly, else a title or alias as people type it (any case, accents, curly
 * quotes). A title that names several documents is refused rather than guessed.
 */
import { foldText } from '../search/text.js';
import type { DocumentSummary } from './types.js';

export type TitleResolution = { ok: true; document: DocumentSummary } | { ok: false; notice: string };

const namesOf = (document: DocumentSummary) => [document.title, ...document.aliases];

/** At most ten titles, quoted; with ids when the titles alone might not tell the documents apart. */
function listTitles(documents: readonly DocumentSummary[], withIds = false): string {
	const titles = documents.slice(0, 10).map((d) => (withIds ? `“${d.title}” (${d.id})` : `“${d.title}”`));
	return documents.length > 10 ? `${titles.join(', ')}, …` : titles.join(', ');
}

/** The document `title` names, or the only document when no title is given; else what to tell the user. */
export function resolveTitle(
	documents: readonly DocumentSummary[],
	title: string | undefined,
): TitleResolution {
	if (documents.length === 0) return { ok: false, notice: 'No documents are loaded right now.' };
	if (title === undefined) {
		if (documents.length === 1) return { ok: true, document: documents[0]! };
		return { ok: false, notice: `Which one? Name a title: ${listTitles(documents)}.` };
	}
	const byId = documents.find((d) => d.id === title);
	if (byId) return { ok: true, document: byId };
	const wanted = foldText(title);
	const named = documents.filter((d) => namesOf(d).some((name) => foldText(name) === wanted));
	if (named.length === 1) return { ok: true, document: named[0]! };
	if (named.length > 1)
		return { ok: false, notice: `Which one? “${title}” names several: ${listTitles(named, true)}.` };
	return { ok: false, notice: `I don't know a document called “${title}”. Try ${listTitles(documents)}.` };
}

/** Documents whose title, alias or id contains what is typed so far (all of them for nothing typed). */
export function documentsMatching(documents: readonly DocumentSummary[], typed: string): DocumentSummary[] {
	const wanted = foldText(typed);
	return documents.filter(
		(d) => wanted === '' || [...namesOf(d), d.id].some((name) => foldText(name).includes(wanted)),
	);
}
