/**
 * The parsers (and with them the YAML, Markdown and validation libraries, ~5 MiB of memory), loaded
 * with the first file parsed in this thread. A bot whose knowledge is parsed in workers, or comes
 * from the cache, never loads them in its own thread.
 */
import type * as ParseFile from './parse-file.js';

type Parsers = typeof ParseFile;

let parsers: Promise<Parsers> | undefined;

export function loadParsers(): Promise<Parsers> {
	return (parsers ??= import('./parse-file.js'));
}
