/**
 * Fills a benchmark's Markdown report template with the figures a run measured. The templates are
 * mustache (`{{figure}}`, `{{#list}}…{{/list}}`, `{{^absent}}…{{/absent}}`), so the prose stays
 * in the Markdown and the logic in the report code; nothing is HTML-escaped (the output is
 * Markdown), and a name the figures lack is an error rather than a silent gap in the report.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import Mustache from 'mustache';

type Token = [type: string, name: string, start: number, end: number, children?: Token[]];

function lookup(stack: readonly unknown[], name: string): { found: boolean; value: unknown } {
	if (name === '.') return { found: true, value: stack.at(-1) };
	const [first, ...rest] = name.split('.');
	for (let i = stack.length - 1; i >= 0; i--) {
		const context = stack[i];
		if (typeof context !== 'object' || context === null || !(first! in context)) continue;
		let value: unknown = (context as Record<string, unknown>)[first!];
		for (const part of rest) value = (value as Record<string, unknown> | undefined)?.[part];
		return { found: true, value };
	}
	return { found: false, value: undefined };
}

/** Throws on a `{{name}}` the figures don't have (sections may be absent: that is what they test). */
function checkNames(tokens: readonly Token[], stack: readonly unknown[], file: string): void {
	for (const [type, name, , , children] of tokens) {
		if (type === 'name' || type === '&') {
			const { found, value } = lookup(stack, name);
			if (!found || value === undefined || value === null)
				throw new Error(`${file}: no figure for {{${name}}}`);
		} else if (type === '#' && children) {
			const { value } = lookup(stack, name);
			if (Array.isArray(value)) for (const item of value) checkNames(children, [...stack, item], file);
			else if (value) checkNames(children, typeof value === 'object' ? [...stack, value] : stack, file);
		} else if (type === '^' && children) {
			if (!lookup(stack, name).value) checkNames(children, stack, file);
		}
	}
}

/** The template (a Markdown file beside the report code) rendered with `view`. */
export async function renderReport(template: URL, view: object): Promise<string> {
	const text = await readFile(template, 'utf8');
	checkNames(Mustache.parse(text) as Token[], [view], fileURLToPath(template));
	return Mustache.render(text, view, {}, { escape: (value: unknown) => String(value) });
}
