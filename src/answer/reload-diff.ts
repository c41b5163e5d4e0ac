/**
 * What a reload changed, by name: documents, sections and FAQ entries added, removed or edited,
 * so that moderators see at a glance what their edit did.
 */
import { plainFaqEntry } from '../knowledge/stored-faq.js';
import type { KnowledgeBase, KnowledgeDocument } from '../knowledge/types.js';

export interface NamedChanges {
	added: string[];
	removed: string[];
	/** Still there under the same name, with different content (an edited answer, say). */
	changed: string[];
}

export interface KnowledgeDiff {
	documents: NamedChanges;
	sections: NamedChanges;
	faqEntries: NamedChanges;
}

/** Name -> what it stands for, so that an edit can be told from no change. */
type Contents = Map<string, string>;

function contentsOf(documents: readonly KnowledgeDocument[]) {
	const contents: Record<'documents' | 'sections' | 'faqEntries', Contents> = {
		documents: new Map(),
		sections: new Map(),
		faqEntries: new Map(),
	};
	for (const d of documents) {
		// Each entry's texts read once (a stored entry decodes them on every read).
		const faq = d.faq.map(plainFaqEntry);
		contents.documents.set(d.title, JSON.stringify({ ...d, file: undefined, faq }));
		for (const s of d.sections)
			contents.sections.set(`${d.title} › ${s.heading}`, JSON.stringify([s.paragraphs, s.alternates]));
		for (const f of faq)
			contents.faqEntries.set(`${d.title} › ${f.question}`, JSON.stringify([f.answer, f.alternates]));
	}
	return contents;
}

function compare(before: Contents, after: Contents): NamedChanges {
	const changes: NamedChanges = { added: [], removed: [], changed: [] };
	for (const [name, content] of after) {
		const old = before.get(name);
		if (old === undefined) changes.added.push(name);
		else if (old !== content) changes.changed.push(name);
	}
	for (const name of before.keys()) if (!after.has(name)) changes.removed.push(name);
	return changes;
}

/**
 * What changed between two loads, by name. A document that is the very same object in both (the
 * loader returns the same object for an unchanged file) cannot have changed, so only the others
 * are compared: a reload of a large knowledge base costs what was edited, not what it holds.
 */
export function diffKnowledge(before: KnowledgeBase, after: KnowledgeBase): KnowledgeDiff {
	const kept = new Set(before.documents);
	const unchanged = new Set(after.documents.filter((d) => kept.has(d)));
	const a = contentsOf(before.documents.filter((d) => !unchanged.has(d)));
	const b = contentsOf(after.documents.filter((d) => !unchanged.has(d)));
	return {
		documents: compare(a.documents, b.documents),
		sections: compare(a.sections, b.sections),
		faqEntries: compare(a.faqEntries, b.faqEntries),
	};
}
