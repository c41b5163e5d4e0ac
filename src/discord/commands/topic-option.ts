import type { AutocompleteInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { AUTOCOMPLETE_CHOICES_MAX, CHOICE_NAME_MAX } from '../limits.js';
import { parseFocused } from '../options.js';
import { respondWithChoices } from '../reply.js';

/**
 * Autocomplete over the knowledge's topics (FAQ questions and section titles) from the engine's
 * complete(): each offered by its title, its value a question the engine answers with it.
 */
export async function autocompleteTopic(
	interaction: AutocompleteInteraction,
	{ service }: BotContext,
): Promise<void> {
	const { value } = parseFocused(interaction);
	// A topic is offered under a name of at most CHOICE_NAME_MAX characters: matching more of what
	// is typed cannot pick a better one, and would only slow down every keystroke.
	const topics = service.engine.complete(value.slice(0, CHOICE_NAME_MAX), AUTOCOMPLETE_CHOICES_MAX);
	await respondWithChoices(
		interaction,
		topics.map((topic) => ({ name: topic.title, value: topic.question })),
	);
}
