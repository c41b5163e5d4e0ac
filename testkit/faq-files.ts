import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import type { KnowledgeBase } from '../src/knowledge/types.js';

/** One YAML FAQ list, as an author would keep it. */
export interface FaqFile {
	id: string;
	title: string;
	faq: { id: string; question: string; answer: string; alternates: string[] }[];
}

/** Writes knowledge as one YAML FAQ list per document (generated knowledge, for tests and benches). */
export async function writeFaqFiles(
	knowledge: KnowledgeBase,
	directory: string,
): Promise<{ files: number; bytes: number }> {
	let bytes = 0;
	await mkdir(directory, { recursive: true });
	for (const document of knowledge.documents) {
		const file: FaqFile = {
			id: document.id,
			title: document.title,
			faq: document.faq.map((f) => ({
				id: f.id,
				question: f.question,
				answer: f.answer,
				alternates: [...f.alternates],
			})),
		};
		const text = stringify(file, { lineWidth: 0 });
		bytes += Buffer.byteLength(text);
		await writeFile(path.join(directory, `${document.id}.yaml`), text);
	}
	return { files: knowledge.documents.length, bytes };
}
