/**
 * Every reply the bot sends is built here, so no command or handler can forget what each one needs:
 * mentions locked (nobody is pinged unless named), private when asked, and everything cut to
 * Discord's limits, so that Discord never answers a reply with 400 Invalid Form Body.
 */
import {
	ComponentType,
	MessageFlags,
	type APIActionRowComponent,
	type APIApplicationCommandOptionChoice,
	type APIButtonComponentWithCustomId,
	type APIEmbed,
	type APIStringSelectComponent,
	type AutocompleteInteraction,
	type MessageComponentInteraction,
	type Message,
	type RepliableInteraction,
	type SendableChannels,
} from 'discord.js';
import {
	ACTION_ROWS_MAX,
	AUTOCOMPLETE_CHOICES_MAX,
	BUTTON_LABEL_MAX,
	BUTTONS_PER_ROW_MAX,
	CHOICE_NAME_MAX,
	CHOICE_VALUE_MAX,
	EMBED_AUTHOR_NAME_MAX,
	EMBED_DESCRIPTION_MAX,
	EMBED_FIELD_NAME_MAX,
	EMBED_FIELD_VALUE_MAX,
	EMBED_FIELDS_MAX,
	EMBED_FOOTER_TEXT_MAX,
	EMBED_TITLE_MAX,
	EMBED_TOTAL_MAX,
	EMBEDS_PER_MESSAGE_MAX,
	MESSAGE_CONTENT_MAX,
	SELECT_OPTION_TEXT_MAX,
	SELECT_OPTIONS_MAX,
	SELECT_PLACEHOLDER_MAX,
} from './limits.js';
import { allowedMentions, type Pings } from './mentions.js';
import { truncate } from './truncate.js';

/** What a reply shows, as plain API data; limits and mentions are this module's business. */
export interface ReplyBody {
	content?: string;
	embeds?: APIEmbed[];
	/** Rows of buttons, or a row holding one select menu. */
	components?: APIActionRowComponent<APIButtonComponentWithCustomId | APIStringSelectComponent>[];
}

export interface ReplyOptions {
	/**
	 * Only the user who used the command or button sees the reply. For a deferred reply this was
	 * decided by {@link deferResponse}, and is ignored here.
	 */
	ephemeral?: boolean;
	/** Who may be pinged; nobody by default. */
	pings?: Pings;
}

/** Counts what Discord counts toward the 6000-character total of a message's embeds. */
export function embedLength(embed: APIEmbed): number {
	return (
		(embed.title?.length ?? 0) +
		(embed.description?.length ?? 0) +
		(embed.footer?.text.length ?? 0) +
		(embed.author?.name.length ?? 0) +
		(embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
	);
}

/**
 * An embed within its own limits and `room` characters in all: the description gets what the
 * rest leaves, fields are dropped from the end only when even they don't fit. Undefined when
 * nothing of it fits.
 */
function fitEmbed(embed: APIEmbed, room: number): APIEmbed | undefined {
	const { description, ...rest } = embed;
	const fitted: APIEmbed = { ...rest };
	if (fitted.title !== undefined) fitted.title = truncate(fitted.title, EMBED_TITLE_MAX);
	if (fitted.author)
		fitted.author = { ...fitted.author, name: truncate(fitted.author.name, EMBED_AUTHOR_NAME_MAX) };
	if (fitted.footer)
		fitted.footer = { ...fitted.footer, text: truncate(fitted.footer.text, EMBED_FOOTER_TEXT_MAX) };
	if (fitted.fields) {
		const fields = fitted.fields.slice(0, EMBED_FIELDS_MAX).map((field) => ({
			...field,
			name: truncate(field.name, EMBED_FIELD_NAME_MAX),
			value: truncate(field.value, EMBED_FIELD_VALUE_MAX),
		}));
		while (fields.length > 0 && embedLength({ ...fitted, fields }) > room) fields.pop();
		fitted.fields = fields;
	}
	const left = room - embedLength(fitted);
	if (left < 0) return undefined;
	if (description !== undefined) {
		const cut = truncate(description, Math.min(EMBED_DESCRIPTION_MAX, left));
		if (cut !== '') fitted.description = cut;
	}
	return fitted;
}

function fitEmbeds(embeds: APIEmbed[]): APIEmbed[] {
	const fitted: APIEmbed[] = [];
	let room = EMBED_TOTAL_MAX;
	for (const embed of embeds.slice(0, EMBEDS_PER_MESSAGE_MAX)) {
		const fit = fitEmbed(embed, room);
		if (!fit) break;
		fitted.push(fit);
		room -= embedLength(fit);
	}
	return fitted;
}

function fitSelect(menu: APIStringSelectComponent): APIStringSelectComponent {
	return {
		...menu,
		...(menu.placeholder === undefined
			? {}
			: { placeholder: truncate(menu.placeholder, SELECT_PLACEHOLDER_MAX) }),
		options: menu.options.slice(0, SELECT_OPTIONS_MAX).map((option) => ({
			...option,
			label: truncate(option.label, SELECT_OPTION_TEXT_MAX),
			...(option.description === undefined
				? {}
				: { description: truncate(option.description, SELECT_OPTION_TEXT_MAX) }),
		})),
	};
}

/** `body` cut to Discord's limits: content, embeds, rows of buttons and select menus. */
export function fitBody(body: ReplyBody): ReplyBody {
	const fitted: ReplyBody = {};
	if (body.content !== undefined) fitted.content = truncate(body.content, MESSAGE_CONTENT_MAX);
	if (body.embeds !== undefined) fitted.embeds = fitEmbeds(body.embeds);
	if (body.components !== undefined) {
		fitted.components = body.components.slice(0, ACTION_ROWS_MAX).map((row) => ({
			...row,
			components: row.components
				.slice(0, BUTTONS_PER_ROW_MAX)
				.map((component) =>
					component.type === ComponentType.StringSelect
						? fitSelect(component)
						: component.label === undefined
							? component
							: { ...component, label: truncate(component.label, BUTTON_LABEL_MAX) },
				),
		}));
	}
	return fitted;
}

const ephemeralFlags = (ephemeral: boolean) => (ephemeral ? { flags: MessageFlags.Ephemeral as const } : {});

/** Answers an interaction: its reply, the edit of a reply deferred earlier, or a follow-up after a reply. */
export async function respond(
	interaction: RepliableInteraction,
	body: ReplyBody,
	{ ephemeral = false, pings }: ReplyOptions = {},
): Promise<void> {
	const payload = { ...fitBody(body), allowedMentions: allowedMentions(pings) };
	if (interaction.deferred && !interaction.replied) await interaction.editReply(payload);
	else if (interaction.replied) await interaction.followUp({ ...payload, ...ephemeralFlags(ephemeral) });
	else await interaction.reply({ ...payload, ...ephemeralFlags(ephemeral) });
}

/** A short private answer: a notice, a refusal, an error. */
export function respondPrivately(interaction: RepliableInteraction, text: string): Promise<void> {
	return respond(interaction, { content: text }, { ephemeral: true });
}

/** Acknowledges an interaction that needs longer than Discord waits; {@link respond} then fills it in. */
export async function deferResponse(
	interaction: RepliableInteraction,
	{ ephemeral = false }: Pick<ReplyOptions, 'ephemeral'> = {},
): Promise<void> {
	await interaction.deferReply(ephemeralFlags(ephemeral));
}

/** Acknowledges a button or menu whose answer replaces the message it sits on ({@link respond} then edits it). */
export async function deferUpdate(interaction: MessageComponentInteraction): Promise<void> {
	await interaction.deferUpdate();
}

/** Replies to a message; when the message is gone by then, posts in its channel instead of failing. */
export async function replyToMessage(message: Message, body: ReplyBody, pings?: Pings): Promise<void> {
	await message.reply({ ...fitBody(body), allowedMentions: allowedMentions(pings), failIfNotExists: false });
}

/** Posts a message in a channel (a forum post, for one), not as a reply to anything. */
export async function sendInChannel(
	channel: SendableChannels,
	body: ReplyBody,
	pings?: Pings,
): Promise<void> {
	await channel.send({ ...fitBody(body), allowedMentions: allowedMentions(pings) });
}

/** Autocomplete choices as Discord takes them: names and values cut to fit, no value twice, at most 25. */
export async function respondWithChoices(
	interaction: AutocompleteInteraction,
	choices: readonly APIApplicationCommandOptionChoice<string>[],
): Promise<void> {
	const seen = new Set<string>();
	const fitted: APIApplicationCommandOptionChoice<string>[] = [];
	for (const choice of choices) {
		if (fitted.length >= AUTOCOMPLETE_CHOICES_MAX) break;
		const value = truncate(choice.value, CHOICE_VALUE_MAX);
		if (seen.has(value)) continue;
		seen.add(value);
		fitted.push({ ...choice, name: truncate(choice.name, CHOICE_NAME_MAX), value });
	}
	await interaction.respond(fitted);
}
