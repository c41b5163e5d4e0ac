import { KnowledgeCache } from '../knowledge/cache.js';
import { loadKnowledge } from '../knowledge/load.js';
import type { KnowledgeBase, KnowledgeProblem } from '../knowledge/types.js';
import { buildEngine, type EngineOptions } from './engine.js';
import { diffKnowledge, type KnowledgeDiff } from './reload-diff.js';
import type { AnswerEngine } from './types.js';

export interface KnowledgeCounts {
	documents: number;
	sections: number;
	faqEntries: number;
}

export type ReloadReport =
	{ ok: true; diff: KnowledgeDiff; counts: KnowledgeCounts } | { ok: false; problems: KnowledgeProblem[] };

export function countKnowledge(knowledge: KnowledgeBase): KnowledgeCounts {
	let sections = 0;
	let faqEntries = 0;
	for (const document of knowledge.documents) {
		sections += document.sections.length;
		faqEntries += document.faq.length;
	}
	return { documents: knowledge.documents.length, sections, faqEntries };
}

/**
 * Owns the live engine. A reload builds a complete new engine off to the side and swaps one
 * reference, so a question is always answered wholly by the old or wholly by the new knowledge.
 */
export class KnowledgeService {
	#engine: AnswerEngine;
	#knowledge: KnowledgeBase;

	private constructor(
		readonly directory: string,
		knowledge: KnowledgeBase,
		private readonly options: EngineOptions,
		/** What each file parsed to, so a reload only parses the files that changed. */
		private readonly cache: KnowledgeCache,
	) {
		this.#knowledge = knowledge;
		this.#engine = buildEngine(knowledge, options);
	}

	/** Loads what is valid and reports the rest: a broken file must not keep the bot from starting. */
	static async open(
		directory: string,
		options: EngineOptions = {},
	): Promise<{ service: KnowledgeService; problems: KnowledgeProblem[] }> {
		const cache = new KnowledgeCache();
		const { knowledge, problems } = await loadKnowledge(directory, { cache });
		return { service: new KnowledgeService(directory, knowledge, options, cache), problems };
	}

	get engine(): AnswerEngine {
		return this.#engine;
	}

	get knowledge(): KnowledgeBase {
		return this.#knowledge;
	}

	/** All or nothing: any problem keeps the current knowledge in service. */
	async reload(): Promise<ReloadReport> {
		const { knowledge, problems } = await loadKnowledge(this.directory, { cache: this.cache });
		if (problems.length > 0) return { ok: false, problems };
		// The loader hands back the same document object for an unchanged file, and the engine
		// keeps the index of every such document: only what changed is indexed again.
		const engine = buildEngine(knowledge, this.options, this.#engine);
		const diff = diffKnowledge(this.#knowledge, knowledge);
		this.#knowledge = knowledge;
		this.#engine = engine;
		return { ok: true, diff, counts: countKnowledge(knowledge) };
	}
}
