/**
 * Discord's documented limits, named. Everything the bot sends is cut to fit these before it
 * leaves (./reply.ts), so Discord never answers a reply with 400 Invalid Form Body.
 */

/** Characters in a message's `content`. */
export const MESSAGE_CONTENT_MAX = 2000;
/** Embeds in one message. */
export const EMBEDS_PER_MESSAGE_MAX = 10;
export const EMBED_TITLE_MAX = 256;
export const EMBED_DESCRIPTION_MAX = 4096;
export const EMBED_FIELDS_MAX = 25;
export const EMBED_FIELD_NAME_MAX = 256;
export const EMBED_FIELD_VALUE_MAX = 1024;
export const EMBED_FOOTER_TEXT_MAX = 2048;
export const EMBED_AUTHOR_NAME_MAX = 256;
/** Title, description, field names and values, footer and author of all embeds of a message together. */
export const EMBED_TOTAL_MAX = 6000;

/** Choices in an autocomplete result (and in an option's fixed choices). */
export const AUTOCOMPLETE_CHOICES_MAX = 25;
export const CHOICE_NAME_MAX = 100;
export const CHOICE_VALUE_MAX = 100;

export const ACTION_ROWS_MAX = 5;
export const BUTTONS_PER_ROW_MAX = 5;
export const BUTTON_LABEL_MAX = 80;
/** Options in a select menu. */
export const SELECT_OPTIONS_MAX = 25;
/** A select option's label, value and description. */
export const SELECT_OPTION_TEXT_MAX = 100;
export const SELECT_PLACEHOLDER_MAX = 150;
/** A component's `custom_id`. */
export const CUSTOM_ID_MAX = 100;

/** A string option's user input (`max_length` may go up to 6000). */
export const STRING_OPTION_MAX = 6000;
