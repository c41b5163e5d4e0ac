/**
 * The checks Discord's API makes on message bodies, autocomplete results and command registrations,
 * written from Discord's documented limits independently of the bot's own constants, so a bot that
 * oversteps a limit gets the same 400 "Invalid Form Body" the real API would give.
 */
import { isObject } from './json.js';

export interface FieldError {
	path: string;
	code: string;
	message: string;
}

/** Discord's nested error object: `{ embeds: { 0: { description: { _errors: [...] } } } }`. */
export function formErrorBody(errors: FieldError[]): { code: number; message: string; errors: object } {
	const tree: Record<string, unknown> = {};
	for (const error of errors) {
		let node = tree;
		for (const key of error.path.split('.')) {
			node = (node[key] ??= {}) as Record<string, unknown>;
		}
		const list = (node._errors ??= []) as { code: string; message: string }[];
		list.push({ code: error.code, message: error.message });
	}
	return { code: 50035, message: 'Invalid Form Body', errors: tree };
}

function maxLength(errors: FieldError[], path: string, value: unknown, max: number, min = 0): number {
	if (value === undefined || value === null) {
		if (min > 0) errors.push({ path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
		return 0;
	}
	if (typeof value !== 'string') {
		errors.push({ path, code: 'BASE_TYPE_STRING', message: 'Must be a string.' });
		return 0;
	}
	// UTF-16 length: never less than the code points Discord counts, so the stand-in is at least as strict.
	const length = value.length;
	if (length > max)
		errors.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
	if (length < min)
		errors.push({
			path,
			code: 'BASE_TYPE_BAD_LENGTH',
			message: `Must be between ${min} and ${max} in length.`,
		});
	return length;
}

function checkEmbeds(errors: FieldError[], embeds: unknown): void {
	if (embeds === undefined || embeds === null) return;
	if (!Array.isArray(embeds)) {
		errors.push({ path: 'embeds', code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' });
		return;
	}
	if (embeds.length > 10)
		errors.push({ path: 'embeds', code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 10 or fewer in length.' });
	let total = 0;
	embeds.forEach((embed: unknown, i) => {
		const at = `embeds.${i}`;
		if (!isObject(embed)) {
			errors.push({ path: at, code: 'MODEL_TYPE_CONVERT', message: 'Only dictionaries may be used.' });
			return;
		}
		total += maxLength(errors, `${at}.title`, embed.title, 256);
		total += maxLength(errors, `${at}.description`, embed.description, 4096);
		if (isObject(embed.footer)) total += maxLength(errors, `${at}.footer.text`, embed.footer.text, 2048, 1);
		if (isObject(embed.author)) total += maxLength(errors, `${at}.author.name`, embed.author.name, 256, 1);
		if (embed.fields !== undefined) {
			if (!Array.isArray(embed.fields)) {
				errors.push({ path: `${at}.fields`, code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' });
			} else {
				if (embed.fields.length > 25)
					errors.push({
						path: `${at}.fields`,
						code: 'BASE_TYPE_MAX_LENGTH',
						message: 'Must be 25 or fewer in length.',
					});
				embed.fields.forEach((field: unknown, j) => {
					const fat = `${at}.fields.${j}`;
					if (!isObject(field)) return;
					total += maxLength(errors, `${fat}.name`, field.name, 256, 1);
					total += maxLength(errors, `${fat}.value`, field.value, 1024, 1);
				});
			}
		}
		if (embed.color !== undefined && (typeof embed.color !== 'number' || embed.color > 0xffffff))
			errors.push({ path: `${at}.color`, code: 'NUMBER_TYPE_MAX', message: 'Int value out of range' });
	});
	if (total > 6000)
		errors.push({
			path: 'embeds',
			code: 'MAX_EMBED_SIZE_EXCEEDED',
			message: 'Embed size exceeds maximum size of 6000',
		});
}

/** A component's custom id: 1–100 characters, unique in the message. */
function checkCustomId(errors: FieldError[], path: string, customId: unknown, customIds: Set<string>): void {
	maxLength(errors, path, customId, 100, 1);
	if (typeof customId !== 'string') return;
	if (customIds.has(customId))
		errors.push({
			path,
			code: 'COMPONENT_CUSTOM_ID_DUPLICATED',
			message: 'Component custom id cannot be duplicated',
		});
	customIds.add(customId);
}

/** A string select menu: alone in its row, 1–25 options with labels and values of 1–100 characters, values unique. */
function checkStringSelect(
	errors: FieldError[],
	at: string,
	menu: Record<string, unknown>,
	rowSize: number,
	customIds: Set<string>,
): void {
	if (rowSize !== 1)
		errors.push({
			path: at,
			code: 'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
			message: 'The specified component exceeds the maximum width',
		});
	checkCustomId(errors, `${at}.custom_id`, menu.custom_id, customIds);
	maxLength(errors, `${at}.placeholder`, menu.placeholder, 150);
	const options: unknown[] = Array.isArray(menu.options) ? menu.options : [];
	if (options.length < 1 || options.length > 25)
		errors.push({
			path: `${at}.options`,
			code: 'BASE_TYPE_BAD_LENGTH',
			message: 'Must be between 1 and 25 in length.',
		});
	const values = new Set<unknown>();
	options.forEach((option, k) => {
		const oat = `${at}.options.${k}`;
		if (!isObject(option)) return;
		maxLength(errors, `${oat}.label`, option.label, 100, 1);
		maxLength(errors, `${oat}.value`, option.value, 100, 1);
		maxLength(errors, `${oat}.description`, option.description, 100);
		if (values.has(option.value))
			errors.push({
				path: `${oat}.value`,
				code: 'SELECT_COMPONENT_OPTION_VALUE_DUPLICATED',
				message: 'Select component option values cannot be duplicated',
			});
		values.add(option.value);
	});
}

function checkComponents(errors: FieldError[], components: unknown): void {
	if (components === undefined || components === null) return;
	if (!Array.isArray(components)) {
		errors.push({ path: 'components', code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' });
		return;
	}
	if (components.length > 5)
		errors.push({
			path: 'components',
			code: 'BASE_TYPE_MAX_LENGTH',
			message: 'Must be 5 or fewer in length.',
		});
	const customIds = new Set<string>();
	components.forEach((row: unknown, i) => {
		const at = `components.${i}`;
		if (!isObject(row) || row.type !== 1 || !Array.isArray(row.components)) {
			errors.push({ path: at, code: 'UNION_TYPE_CHOICES', message: 'Value of field "type" must be 1.' });
			return;
		}
		if (row.components.length < 1 || row.components.length > 5)
			errors.push({
				path: `${at}.components`,
				code: 'BASE_TYPE_BAD_LENGTH',
				message: 'Must be between 1 and 5 in length.',
			});
		const rowSize = row.components.length;
		row.components.forEach((button: unknown, j) => {
			const bat = `${at}.components.${j}`;
			if (isObject(button) && button.type === 3) {
				checkStringSelect(errors, bat, button, rowSize, customIds);
				return;
			}
			if (!isObject(button) || button.type !== 2) return;
			maxLength(errors, `${bat}.label`, button.label, 80);
			const style = button.style;
			if (typeof style !== 'number' || style < 1 || style > 6) {
				errors.push({
					path: `${bat}.style`,
					code: 'BASE_TYPE_CHOICES',
					message: 'Value must be one of (1..6).',
				});
			} else if (style === 5) {
				if (typeof button.url !== 'string')
					errors.push({ path: `${bat}.url`, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
			} else if (style !== 6) {
				checkCustomId(errors, `${bat}.custom_id`, button.custom_id, customIds);
			}
		});
	});
}

function checkAllowedMentions(errors: FieldError[], allowed: unknown): void {
	if (allowed === undefined || allowed === null) return;
	if (!isObject(allowed)) {
		errors.push({
			path: 'allowed_mentions',
			code: 'MODEL_TYPE_CONVERT',
			message: 'Only dictionaries may be used.',
		});
		return;
	}
	const parse = allowed.parse;
	if (parse !== undefined) {
		if (!Array.isArray(parse) || parse.some((p) => !['users', 'roles', 'everyone'].includes(String(p))))
			errors.push({
				path: 'allowed_mentions.parse',
				code: 'BASE_TYPE_CHOICES',
				message: 'Value must be one of (users, roles, everyone).',
			});
		else {
			if (parse.includes('users') && Array.isArray(allowed.users) && allowed.users.length > 0)
				errors.push({
					path: 'allowed_mentions',
					code: 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
					message: 'parse:["users"] and users: [ids...] are mutually exclusive.',
				});
			if (parse.includes('roles') && Array.isArray(allowed.roles) && allowed.roles.length > 0)
				errors.push({
					path: 'allowed_mentions',
					code: 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
					message: 'parse:["roles"] and roles: [ids...] are mutually exclusive.',
				});
		}
	}
}

/**
 * Why a message body the bot sent could ping someone it did not name, or undefined when it locks
 * mentions. Stricter than Discord, which parses every mention when `allowed_mentions` is left out:
 * the bot must parse nothing on every body with content or embeds (`parse: []`, no roles listed),
 * so that no knowledge text or echoed question ever pings anyone. A ping it means is named: a
 * user listed in `users`, or `replied_user` for the author of the message it replies to; tests
 * check who that notified (`notified()`).
 */
export function unlockedMentions(body: unknown): string | undefined {
	if (!isObject(body)) return undefined;
	const hasContent = typeof body.content === 'string' && body.content.length > 0;
	const hasEmbeds = Array.isArray(body.embeds) && body.embeds.length > 0;
	if (!hasContent && !hasEmbeds) return undefined;
	const allowed = body.allowed_mentions;
	if (!isObject(allowed)) return 'no allowed_mentions (Discord would parse every mention in it)';
	if (!Array.isArray(allowed.parse) || allowed.parse.length > 0)
		return `allowed_mentions.parse is ${JSON.stringify(allowed.parse)}, not []`;
	if (Array.isArray(allowed.roles) && allowed.roles.length > 0)
		return `allowed_mentions.roles lists ${JSON.stringify(allowed.roles)}`;
	return undefined;
}

/** Validates a message body for create (`requireContent`) or edit. */
export function validateMessageBody(
	body: unknown,
	{ requireContent }: { requireContent: boolean },
): FieldError[] {
	const errors: FieldError[] = [];
	if (!isObject(body)) {
		errors.push({ path: '_root', code: 'MODEL_TYPE_CONVERT', message: 'Only dictionaries may be used.' });
		return errors;
	}
	maxLength(errors, 'content', body.content, 2000);
	checkEmbeds(errors, body.embeds);
	checkComponents(errors, body.components);
	checkAllowedMentions(errors, body.allowed_mentions);
	if (body.flags !== undefined && typeof body.flags !== 'number')
		errors.push({ path: 'flags', code: 'NUMBER_TYPE_COERCE', message: 'Value is not int.' });
	if (requireContent) {
		const hasContent = typeof body.content === 'string' && body.content.length > 0;
		const hasEmbeds = Array.isArray(body.embeds) && body.embeds.length > 0;
		const hasComponents = Array.isArray(body.components) && body.components.length > 0;
		const hasStickers = Array.isArray(body.sticker_ids) && body.sticker_ids.length > 0;
		const hasFiles = Array.isArray(body.attachments) && body.attachments.length > 0;
		if (!hasContent && !hasEmbeds && !hasComponents && !hasStickers && !hasFiles && !body.poll)
			errors.push({ path: '_empty', code: 'EMPTY', message: 'Cannot send an empty message' });
	}
	return errors;
}

export function validateAutocompleteChoices(data: unknown): FieldError[] {
	const errors: FieldError[] = [];
	if (!isObject(data) || !Array.isArray(data.choices)) {
		errors.push({ path: 'data.choices', code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
		return errors;
	}
	if (data.choices.length > 25)
		errors.push({
			path: 'data.choices',
			code: 'BASE_TYPE_MAX_LENGTH',
			message: 'Must be 25 or fewer in length.',
		});
	data.choices.forEach((choice: unknown, i) => {
		const at = `data.choices.${i}`;
		if (!isObject(choice)) return;
		maxLength(errors, `${at}.name`, choice.name, 100, 1);
		if (typeof choice.value === 'string') maxLength(errors, `${at}.value`, choice.value, 100);
		else if (typeof choice.value !== 'number')
			errors.push({ path: `${at}.value`, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
	});
	return errors;
}

const NAME_PATTERN = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function checkName(errors: FieldError[], path: string, name: unknown): void {
	if (typeof name !== 'string' || !NAME_PATTERN.test(name) || name !== name.toLowerCase())
		errors.push({
			path,
			code: 'APPLICATION_COMMAND_INVALID_NAME',
			message: `Command name is invalid`,
		});
}

function checkOptions(errors: FieldError[], path: string, options: unknown): number {
	if (options === undefined) return 0;
	if (!Array.isArray(options)) {
		errors.push({ path, code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' });
		return 0;
	}
	if (options.length > 25)
		errors.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
	let chars = 0;
	let seenOptional = false;
	const names = new Set<string>();
	options.forEach((option: unknown, i) => {
		const at = `${path}.${i}`;
		if (!isObject(option)) return;
		checkName(errors, `${at}.name`, option.name);
		if (typeof option.name === 'string') {
			if (names.has(option.name))
				errors.push({
					path: `${at}.name`,
					code: 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
					message: 'Option name already exists',
				});
			names.add(option.name);
			chars += option.name.length;
		}
		chars += maxLength(errors, `${at}.description`, option.description, 100, 1);
		const type = option.type;
		if (typeof type !== 'number' || type < 1 || type > 11)
			errors.push({
				path: `${at}.type`,
				code: 'BASE_TYPE_CHOICES',
				message: 'Value must be one of (1..11).',
			});
		if (option.required === true && seenOptional)
			errors.push({
				path: `${at}.required`,
				code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
				message: 'Required options must be placed before non-required options',
			});
		if (option.required !== true) seenOptional = true;
		if (option.autocomplete === true) {
			if (![3, 4, 10].includes(Number(type)))
				errors.push({
					path: `${at}.autocomplete`,
					code: 'AUTOCOMPLETE_INVALID_TYPE',
					message: 'Autocomplete is only allowed on string, integer and number options',
				});
			if (Array.isArray(option.choices) && option.choices.length > 0)
				errors.push({
					path: `${at}.autocomplete`,
					code: 'AUTOCOMPLETE_AND_CHOICES_MUTUALLY_EXCLUSIVE',
					message: 'Autocomplete and choices are mutually exclusive',
				});
		}
		if (Array.isArray(option.choices)) {
			if (option.choices.length > 25)
				errors.push({
					path: `${at}.choices`,
					code: 'BASE_TYPE_MAX_LENGTH',
					message: 'Must be 25 or fewer in length.',
				});
			option.choices.forEach((choice: unknown, j) => {
				if (!isObject(choice)) return;
				chars += maxLength(errors, `${at}.choices.${j}.name`, choice.name, 100, 1);
				if (typeof choice.value === 'string')
					chars += maxLength(errors, `${at}.choices.${j}.value`, choice.value, 100);
			});
		}
		if (typeof option.max_length === 'number' && (option.max_length < 1 || option.max_length > 6000))
			errors.push({
				path: `${at}.max_length`,
				code: 'NUMBER_TYPE_MAX',
				message: 'int value should be <= 6000.',
			});
		chars += checkOptions(errors, `${at}.options`, option.options);
	});
	return chars;
}

/** Validates a bulk-overwrite body (`PUT /applications/:id/commands`). */
export function validateCommands(body: unknown): FieldError[] {
	const errors: FieldError[] = [];
	if (!Array.isArray(body)) {
		errors.push({ path: '_root', code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' });
		return errors;
	}
	if (body.length > 100)
		errors.push({ path: '_root', code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 100 or fewer in length.' });
	const names = new Set<string>();
	body.forEach((command: unknown, i) => {
		const at = `${i}`;
		if (!isObject(command)) return;
		const type = typeof command.type === 'number' ? command.type : 1;
		if (type === 1) checkName(errors, `${at}.name`, command.name);
		if (typeof command.name === 'string') {
			const key = `${String(type)}:${command.name}`;
			if (names.has(key))
				errors.push({
					path: `${at}.name`,
					code: 'APPLICATION_COMMANDS_DUPLICATE_NAME',
					message: `Application command names must be unique`,
				});
			names.add(key);
		}
		let chars = typeof command.name === 'string' ? command.name.length : 0;
		if (type === 1) chars += maxLength(errors, `${at}.description`, command.description, 100, 1);
		chars += checkOptions(errors, `${at}.options`, command.options);
		if (chars > 4000)
			errors.push({
				path: at,
				code: 'APPLICATION_COMMAND_TOO_LARGE',
				message: 'Command exceeds maximum size (4000)',
			});
		const perms = command.default_member_permissions;
		if (perms !== undefined && perms !== null && (typeof perms !== 'string' || !/^\d+$/.test(perms)))
			errors.push({
				path: `${at}.default_member_permissions`,
				code: 'BASE_TYPE_STRING',
				message: 'Must be a string of a permission integer.',
			});
	});
	return errors;
}
