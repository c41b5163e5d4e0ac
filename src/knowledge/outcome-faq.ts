/**
 * Puts a parsed document's FAQ entries into the form the loader keeps (stored-faq.ts), wherever the
 * file was parsed: a parse worker packs them and posts the bytes along (moved, not copied), the
 * loader turns them into entries; a file parsed in the loading thread goes both steps at once. So
 * a document is the same whichever way its file was parsed.
 */
import type { ParseOutcome } from './parse-file.js';
import { packFaq, storedFaq, type PackedFaq } from './stored-faq.js';

/** The outcome with its document's FAQ entries taken out and packed, for posting from a worker. */
export function packOutcome(outcome: ParseOutcome): { outcome: ParseOutcome; faq?: PackedFaq } {
	const { parsed } = outcome.result;
	const document = parsed?.document;
	if (!document || document.faq.length === 0) return { outcome };
	const faq = packFaq(document.faq);
	if (!faq) return { outcome };
	const without = { ...parsed, document: { ...document, faq: [] } };
	return { outcome: { ...outcome, result: { ...outcome.result, parsed: without } }, faq };
}

/** The outcome with the packed FAQ entries (see {@link packOutcome}) back in its document, stored. */
export function unpackOutcome(outcome: ParseOutcome, faq: PackedFaq | undefined): ParseOutcome {
	const { parsed } = outcome.result;
	const document = parsed?.document;
	if (!faq || !document) return outcome;
	const stored = { ...parsed, document: { ...document, faq: storedFaq(faq) } };
	return { ...outcome, result: { ...outcome.result, parsed: stored } };
}

/** For a file parsed in the loading thread: its document's FAQ entries stored, as a worker's would be. */
export function storeOutcome(outcome: ParseOutcome): ParseOutcome {
	const packed = packOutcome(outcome);
	return unpackOutcome(packed.outcome, packed.faq);
}
