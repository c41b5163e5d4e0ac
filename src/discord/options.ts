import type { AutocompleteInteraction, ChatInputCommandInteraction } from 'discord.js';
import { z } from 'zod';
import { STRING_OPTION_MAX } from './limits.js';

/** A problem with what the user typed; its message is shown to them as is. */
export class UserInputError extends Error {
	override name = 'UserInputError';
}

/**
 * Reads a command's options through a zod schema instead of trusting the payload's shape:
 * `{ name: value }` for every option sent, validated and typed by `schema`.
 */
export function parseOptions<S extends z.ZodType>(
	interaction: ChatInputCommandInteraction | AutocompleteInteraction,
	schema: S,
): z.output<S> {
	const raw: Record<string, unknown> = {};
	for (const option of interaction.options.data) raw[option.name] = option.value;
	const result = schema.safeParse(raw);
	if (!result.success) {
		throw new UserInputError(
			result.error.issues
				.map((issue) => `${issue.path.length > 0 ? `\`${issue.path.join('.')}\`: ` : ''}${issue.message}`)
				.join('\n'),
		);
	}
	return result.data;
}

const focusedSchema = z.object({
	name: z.string().min(1),
	value: z.string().max(STRING_OPTION_MAX),
});

/** The option being typed in an autocomplete interaction, validated. */
export function parseFocused(interaction: AutocompleteInteraction): z.output<typeof focusedSchema> {
	return focusedSchema.parse(interaction.options.getFocused(true));
}

/** An optional free-text option: trimmed, blank counts as absent. */
export const optionalText = (max: number) =>
	z.preprocess(
		(value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
		z.string().trim().max(max, `must be at most ${max} characters`).optional(),
	);
