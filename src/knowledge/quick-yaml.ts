/**
 * Reads YAML (or JSON) the quick way, for the files that are fine — as nearly all are on a load.
 *
 * js-yaml builds the plain value about ten times faster than the `yaml` package builds its node
 * tree (0.7 MiB of FAQ list: ~50 ms against ~500 ms), but it keeps no source positions, so it
 * cannot say on which line a problem is. The quick read therefore only ever answers for a file
 * that parses and validates cleanly; whenever anything is unusual it gives up (returns
 * undefined), and the caller parses again with positions (yaml.ts), which finds the problems and
 * words them exactly as before. It also gives up wherever the two parsers could disagree on a
 * value, so that a file reads the same whichever way it was read:
 *
 * - anchors and aliases: the positions parse limits how far aliases may expand (an alias bomb
 *   is a problem there), js-yaml does not;
 * - a plain scalar's type: js-yaml's own core schema reads a few numbers differently (`-.5` is
 *   text there), so it is given the YAML 1.2 core schema's patterns instead (spec 10.3.2), and an
 *   unquoted `true` or `-.5` where text belongs is still reported as "expected text, got …";
 * - what js-yaml lets pass and the positions parse calls an error, found by feeding both parsers
 *   mutated FAQ lists: a `#` stuck to a closing quote or bracket or to a `---` line (`'text'#`),
 *   a `---` or `...` line followed by more than a space, a tab in a line's indentation;
 * - anything js-yaml merely warns about, and every error.
 */
import { FAILSAFE_SCHEMA, load, Type } from 'js-yaml';

/** A type of the YAML 1.2 core schema (spec 10.3.2): the plain scalars matching `pattern`. */
function coreType(name: string, pattern: RegExp, construct: (text: string) => unknown): Type {
	return new Type(`tag:yaml.org,2002:${name}`, {
		kind: 'scalar',
		resolve: (text: unknown) => typeof text === 'string' && pattern.test(text),
		construct,
	});
}

const INFINITY = /^[-+]?\.(?:inf|Inf|INF)$/;

/** The core schema as the positions parse (the `yaml` package, schema 'core') reads it. */
const CORE_SCHEMA = FAILSAFE_SCHEMA.extend({
	implicit: [
		coreType('null', /^(?:~|null|Null|NULL)?$/, () => null),
		coreType('bool', /^(?:true|True|TRUE|false|False|FALSE)$/, (text) => text.toLowerCase() === 'true'),
		coreType('int', /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/, (text) =>
			text.startsWith('0o') ? parseInt(text.slice(2), 8) : Number(text),
		),
		coreType(
			'float',
			/^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
			(text) => (INFINITY.test(text) ? (text.startsWith('-') ? -Infinity : Infinity) : Number(text)),
		),
	],
});

/**
 * Where an anchor (`&name`) could start: after a line start, a space or a flow indicator. Texts
 * such as "Q&A" or "R & D" do not match; a text that merely looks like an anchor only costs the
 * slower parse.
 */
const ANCHOR = /(?:^|[\s[{,])&[^\s,[\]{}]/;

/** Lenient spots of js-yaml (see above); the text only needs to look like one to be read with positions. */
const LENIENT = [/["'\]}]#/, /^(?:---|\.\.\.)\S/m];
/** Checked only when the text has a tab at all: matching it line by line costs more than the parse of a small file. */
const TAB_INDENT = /^[ ]*\t/m;

/**
 * The file's value, or undefined when the quick read gives up (see above) or the file holds
 * nothing (null): the positions parse then has the last word. A `.json` file must also be strict
 * JSON, as the positions parse requires.
 */
export function readYamlQuickly(text: string, file: string): unknown {
	if (ANCHOR.test(text) || LENIENT.some((pattern) => pattern.test(text))) return undefined;
	if (text.includes('\t') && TAB_INDENT.test(text)) return undefined;
	if (file.toLowerCase().endsWith('.json')) {
		try {
			JSON.parse(text);
		} catch {
			return undefined;
		}
	}
	let warned = false;
	let value: unknown;
	try {
		value = load(text, { schema: CORE_SCHEMA, onWarning: () => (warned = true) });
	} catch {
		return undefined;
	}
	if (warned || value === null || value === undefined) return undefined;
	return value;
}
