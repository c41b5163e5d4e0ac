import { createHash } from 'node:crypto';
import { KnowledgeCache } from '../knowledge/cache.js';
import { loadKnowledge, type LoadOptions } from '../knowledge/load.js';
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
 * A short name for the knowledge as loaded, the same wherever the same files are loaded (every
 * shard, every host): a digest over each file's path and bytes.
 */
export function knowledgeVersion(fileDigests: ReadonlyMap<string, string>): string {
	const hash = createHash('sha256');
	for (const file of [...fileDigests.keys()].sort()) hash.update(`${file}\u0000${fileDigests.get(file)}\n`);
	return hash.digest('hex').slice(0, 12);
}

const NO_DOCUMENTS: KnowledgeProblem = {
	file: '.',
	message:
		'the knowledge folder has no document any more — the current knowledge stays in service; add a .md, .yaml or .json file and reload',
};

/**
 * Owns the live engine. A reload builds a complete new engine off to the side and swaps one
 * reference, so a question is always answered wholly by the old or wholly by the new knowledge.
 */
export class KnowledgeService {
	#engine: AnswerEngine;
	#knowledge: KnowledgeBase;
	#fileDigests: ReadonlyMap<string, string>;
	#version: string;

	private constructor(
		readonly directory: string,
		knowledge: KnowledgeBase,
		fileDigests: ReadonlyMap<string, string>,
		private readonly options: EngineOptions,
		/** What each file parsed to, so a reload only parses the files that changed. */
		private readonly cache: KnowledgeCache,
	) {
		this.#knowledge = knowledge;
		this.#fileDigests = fileDigests;
		this.#version = knowledgeVersion(fileDigests);
		this.#engine = buildEngine(knowledge, options);
	}

	/**
	 * Loads what is valid and reports the rest: a broken file must not keep the bot from starting.
	 * `load` chooses where files are parsed (tests load the same folder both ways).
	 */
	static async open(
		directory: string,
		options: EngineOptions = {},
		load: Pick<LoadOptions, 'workerThreshold'> = {},
	): Promise<{ service: KnowledgeService; problems: KnowledgeProblem[] }> {
		const cache = new KnowledgeCache();
		const { knowledge, problems } = await loadKnowledge(directory, { ...load, cache });
		return { service: new KnowledgeService(directory, knowledge, cache.digests(), options, cache), problems };
	}

	get engine(): AnswerEngine {
		return this.#engine;
	}

	get knowledge(): KnowledgeBase {
		return this.#knowledge;
	}

	/** Which knowledge answers now (see {@link knowledgeVersion}); changes with every reload that changed a file. */
	get version(): string {
		return this.#version;
	}

	/**
	 * The SHA-256 of a knowledge file's bytes when the live knowledge was loaded from it (`file`
	 * relative to the folder), so an editor can tell whether the file changed on disk since.
	 * Undefined for a file the live knowledge did not load.
	 */
	fileDigest(file: string): string | undefined {
		return this.#fileDigests.get(file);
	}

	/** Every file the live knowledge was loaded from (relative path → SHA-256 of its bytes). */
	fileDigests(): ReadonlyMap<string, string> {
		return this.#fileDigests;
	}

	/** All or nothing: any problem keeps the current knowledge in service. */
	async reload(): Promise<ReloadReport> {
		const { knowledge, problems } = await loadKnowledge(this.directory, { cache: this.cache });
		if (problems.length > 0) return { ok: false, problems };
		// A folder emptied by mistake (a failed deploy, the wrong mount) would leave a bot that
		// abstains on everything while looking healthy: as at start, that is not knowledge to serve.
		if (knowledge.documents.length === 0) return { ok: false, problems: [NO_DOCUMENTS] };
		const fileDigests = this.cache.digests();
		// The loader hands back the same document object for an unchanged file, and the engine
		// keeps the index of every such document: only what changed is indexed again.
		const engine = buildEngine(knowledge, this.options, this.#engine);
		const diff = diffKnowledge(this.#knowledge, knowledge);
		this.#knowledge = knowledge;
		this.#fileDigests = fileDigests;
		this.#version = knowledgeVersion(fileDigests);
		this.#engine = engine;
		return { ok: true, diff, counts: countKnowledge(knowledge) };
	}
}
