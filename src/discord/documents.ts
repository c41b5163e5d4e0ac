import type { APIApplicationCommandOptionChoice } from 'discord.js';
import type { AnswerEngine, DocumentSummary } from '../answer/types.js';
import { foldText } from '../search/text.js';
import { CHOICE_VALUE_MAX } from './limits.js';
import { UserInputError } from './options.js';

/**
 * The document a `title` option names, or the only document when it is left out. Throws a
 * UserInputError the user can act on when the title is unknown or ambiguous.
 */
export function resolveDocument(engine: AnswerEngine, title: string | undefined): DocumentSummary {
	const documents = engine.documents();
	if (documents.length === 0) throw new UserInputError('No documents are loaded right now.');
	if (title === undefined) {
		if (documents.length === 1) return documents[0]!;
		throw new UserInputError(`Which one? Pick a \`title\`: ${listTitles(documents)}.`);
	}
	const id = engine.findDocument(title);
	const document = id === undefined ? undefined : documents.find((d) => d.id === id);
	if (!document)
		throw new UserInputError(`I don't know a document called “${title}”. Try ${listTitles(documents)}.`);
	return document;
}

function listTitles(documents: DocumentSummary[]): string {
	const titles = documents.slice(0, 10).map((d) => `“${d.title}”`);
	return documents.length > 10 ? `${titles.join(', ')}, …` : titles.join(', ');
}

/** Autocomplete for `title` options: documents whose title, alias or id contains what is typed. */
export function titleChoices(
	engine: AnswerEngine,
	typed: string,
): APIApplicationCommandOptionChoice<string>[] {
	const wanted = foldText(typed);
	return engine
		.documents()
		.filter(
			(d) => wanted === '' || [d.title, d.id, ...d.aliases].some((name) => foldText(name).includes(wanted)),
		)
		.map((d) => ({
			name: d.title,
			// The id resolves exactly; a title is the fallback for ids too long for a choice value.
			value: d.id.length <= CHOICE_VALUE_MAX ? d.id : d.title,
		}));
}
