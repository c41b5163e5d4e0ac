import Fuse from 'fuse.js';
import type { DocumentFacts, KnowledgeBase, KnowledgeDocument } from '../knowledge/types.js';
import { indexScope, scopeSynonymGroups, SearchIndex, type ScopeSegments } from '../search/search-index.js';
import { Lexicon } from '../search/lexicon.js';
import { analyseQuestion, normalizedForm, type AnalysedQuestion, type QueryTerm } from '../search/query.js';
import { rank, type Hit, type RankOptions } from '../search/rank.js';
import { SynonymMap } from '../search/synonyms.js';
import { SemanticSimilarity } from '../search/semantic-similarity.js';
import { foldText, words } from '../search/text.js';
import { bundledWordVectors, type WordVectors } from '../search/word-vectors.js';
import { confidence, confidenceFeatures, type ConfidenceModel } from './confidence.js';
import { CONFIDENCE_MODEL } from './confidence-model.js';
import { candidateBesideGap } from './gaps.js';
import { matchesOnlyNames, nameTerms } from './names.js';
import { QuestionScoper } from './scope.js';
import { sectionAnswer } from './section-text.js';
import { smallTalkReply } from './small-talk.js';
import {
	documentTargets,
	targetTexts,
	TargetList,
	type AnswerTarget,
	type DocumentTargets,
} from './targets.js';
import type {
	AbstentionReason,
	Answer,
	AnswerEngine,
	AskOptions,
	Candidate,
	DocumentSummary,
	SourceKind,
	Suggestion,
} from './types.js';

export interface EngineOptions {
	/**
	 * Below this confidence (the probability that the answer is right) the engine abstains.
	 * 0 answers every question that has a candidate: the ranking alone.
	 */
	threshold?: number;
	/** The model that turns a candidate's evidence into that probability (the fitted one by default). */
	confidenceModel?: ConfidenceModel;
	rank?: Omit<RankOptions, 'scopes' | 'limit'>;
	/**
	 * Also index neighbouring word pairs in the stop-word index: they tell intents apart ("your
	 * name" / "my name") but triple that index's size, so they are for intent-style knowledge,
	 * with `rank.stopWordIndex`. Default: false.
	 */
	wordPairs?: boolean;
	/**
	 * Closeness in meaning (word vectors) as evidence beside the shared words: it reorders the
	 * ranking's best hits and informs the confidence. `false` turns it off (ranking by shared
	 * words alone; the confidence then reads the word match in its place, as for a question with
	 * no word to compare, so it is fitted for neither). Default: the word vectors shipped with the
	 * bot, at DEFAULT_SEMANTIC_WEIGHT.
	 */
	semantic?: false | { vectors: WordVectors; weight?: number };
}

/**
 * How much closeness in meaning adds to a hit's score when the best hits are reordered: a hit's
 * score (0..1) plus this times its semantic similarity (0..1). Chosen on the tune half of each
 * public set (0, 0.3, 0.5, 0.8 and 1 tried: `npm run eval -- --part tune`), checked on the other.
 */
export const DEFAULT_SEMANTIC_WEIGHT = 0.5;
/**
 * How many of the best hits are compared in meaning. Comparing 4, 6, 8 or 12 gave the same answers
 * on both halves of every public set; each costs a sentence vector per text of a hit not cached.
 */
const SEMANTIC_RIVALS = 5;

export const DEFAULT_THRESHOLD = 0.8;
const MAX_SUGGESTIONS = 3;
const MAX_CANDIDATES = 3;
/**
 * Above this many topics, autocomplete ranks through the index instead of fuse.js: fuse.js scans
 * every title on every keystroke (about 80 ms at 10k topics, 1 s at 100k on the dev machine).
 */
const FUZZY_COMPLETION_LIMIT = 2_000;
/** Known words tried for the word still being typed, and ranked entries looked at, in autocomplete. */
const PREFIX_COMPLETIONS = 5;
const COMPLETION_POOL = 50;
/** How many ranked hits are looked at when collecting suggestions. */
const SUGGESTION_POOL = 12;
/**
 * A topic scoring below this shares too little with the question to be offered as "closest"
 * (typically one common word, "help" or "error"); the documents' own FAQ questions are offered
 * instead. It also lets ranking skip questions that cannot reach it at all.
 */
const SUGGESTION_FLOOR = 0.2;

const round = (score: number) => Math.round(score * 1000) / 1000;

/** The distinct topics of the best hits, best first; known gaps are no topic. */
function candidatesOf(hits: readonly Hit[], targets: TargetList): Candidate[] {
	const candidates: Candidate[] = [];
	for (const hit of hits) {
		if (candidates.length >= MAX_CANDIDATES) break;
		const target = targets.at(hit.entry);
		if (target.kind === 'gap') continue;
		const documentId = target.document.id;
		if (candidates.some((c) => c.title === target.title && c.documentId === documentId)) continue;
		candidates.push({ documentId, title: target.title, kind: target.kind, score: round(hit.score) });
	}
	return candidates;
}

/**
 * The question as matched, for grouping questions worded alike: the documents it names (as
 * `@id`, since their names are taken out before matching) and its content words' stems.
 */
function normalizedQuestion(documentIds: readonly string[], contentTerms: string): string {
	const scope = documentIds.map((id) => `@${id}`).join(' ');
	return scope === '' ? contentTerms : contentTerms === '' ? scope : `${scope} ${contentTerms}`;
}

/** The FAQ questions and section headings of `targets`, once each, in order, at most `limit`. */
function topicsOf(targets: Iterable<AnswerTarget>, limit: number): Suggestion[] {
	const seen = new Set<string>();
	const topics: Suggestion[] = [];
	for (const target of targets) {
		if (topics.length >= limit) break;
		if (target.kind !== 'faq' && target.kind !== 'section') continue;
		const key = `${target.document.id}\u0000${target.title}`;
		if (seen.has(key)) continue;
		seen.add(key);
		topics.push({ title: target.title, documentId: target.document.id, question: target.question });
	}
	return topics;
}

/**
 * Builds an immutable engine over a knowledge base. Given the engine it replaces, it keeps the
 * index of every document that is the very same object as before (the loader hands back the
 * same object for an unchanged file), so a reload only indexes what changed.
 */
export function buildEngine(
	knowledge: KnowledgeBase,
	options: EngineOptions = {},
	previous?: AnswerEngine,
): AnswerEngine {
	return new KnowledgeEngine(knowledge, options, previous instanceof KnowledgeEngine ? previous : undefined);
}

/**
 * The word vectors with every synonym group of the knowledge as one meaning. Groups of one
 * document apply to the question as a whole, as its vector is made once for every document.
 */
function semanticVectors(vectors: WordVectors, knowledge: KnowledgeBase): WordVectors {
	return vectors.withSynonyms([...knowledge.synonyms, ...knowledge.documents.flatMap((d) => d.synonyms)]);
}

/**
 * How close in meaning (0..1) an entry comes to a term of the question: through the word as typed
 * when it has a vector, else through its spelling correction (as the question's sentence vector
 * is made); undefined when neither has one.
 */
function termCloseness(
	semantic: SemanticSimilarity,
	analysed: AnalysedQuestion,
	entry: number,
): (term: QueryTerm) => number | undefined {
	return (term) => {
		const word = analysed.words.find((candidate) => candidate.stem === term.term);
		const vector = word && (semantic.wordVector(word.typed) ?? semantic.wordVector(word.word));
		return vector && semantic.closenessToWord(vector, entry);
	};
}

/** A topic offered when abstaining, with its ranking score (0 for a fallback FAQ question). */
interface ClosestTopic {
	target: AnswerTarget;
	kind: SourceKind;
	score: number;
}

/** What the engine builds for one document: everything that depends on that document alone. */
interface DocumentPart {
	document: KnowledgeDocument;
	/** The synonyms and index options the part was built with; a change in either rebuilds it. */
	buildKey: string;
	targets: DocumentTargets;
	segments: ScopeSegments;
	/** The terms of the names its facts mention. */
	names: Set<string>;
}

class KnowledgeEngine implements AnswerEngine {
	readonly #knowledge: KnowledgeBase;
	readonly #parts: Map<KnowledgeDocument, DocumentPart>;
	readonly #targets: TargetList;
	readonly #index: SearchIndex;
	readonly #lexicon: Lexicon;
	readonly #threshold: number;
	readonly #model: ConfidenceModel;
	readonly #rankOptions: EngineOptions['rank'];
	#topicSearch: Fuse<Suggestion> | undefined;
	#allTopics: Suggestion[] | undefined;
	#countOfTopics: number | undefined;
	readonly #scoper: QuestionScoper;
	readonly #semantic: SemanticSimilarity | undefined;
	/** The word vectors the engine was given (before the knowledge's synonyms are applied). */
	readonly #semanticSource: WordVectors | undefined;
	readonly #semanticWeight: number;

	constructor(knowledge: KnowledgeBase, options: EngineOptions, previous: KnowledgeEngine | undefined) {
		this.#knowledge = knowledge;
		const wordPairs = options.wordPairs ?? false;
		const synonyms = {
			global: knowledge.synonyms,
			byScope: new Map(knowledge.documents.map((d) => [d.id, d.synonyms])),
		};
		const maps = new Map<string, SynonymMap>();
		const previousParts = previous ? previous.#parts : new Map<KnowledgeDocument, DocumentPart>();
		const plans = knowledge.documents.map((document) => {
			const groups = scopeSynonymGroups(synonyms, document.id);
			const synonymsKey = SynonymMap.keyOf(groups);
			const buildKey = `${wordPairs}\u0000${synonymsKey}`;
			const kept = previousParts.get(document);
			return {
				document,
				groups,
				synonymsKey,
				buildKey,
				kept: kept?.buildKey === buildKey ? kept : undefined,
			};
		});
		// Kept segments hold ids of the previous engine's lexicon, so the new engine extends it;
		// with nothing kept it starts afresh, which also drops the words of deleted documents.
		this.#lexicon = previous && plans.some((plan) => plan.kept) ? previous.#lexicon : new Lexicon();
		this.#parts = new Map();
		for (const { document, groups, synonymsKey, buildKey, kept } of plans) {
			if (kept) {
				this.#parts.set(document, kept);
				continue;
			}
			let map = maps.get(synonymsKey);
			if (!map) maps.set(synonymsKey, (map = new SynonymMap(groups)));
			const { targets, entries } = documentTargets(document);
			this.#parts.set(document, {
				document,
				buildKey,
				targets,
				segments: indexScope(document.id, entries, map, this.#lexicon, { wordPairs }),
				names: nameTerms(document, map),
			});
		}
		const parts = [...this.#parts.values()];
		this.#targets = new TargetList(parts.map((part) => part.targets));
		this.#index = SearchIndex.fromScopes(
			parts.map((part) => part.segments),
			this.#lexicon,
			{ wordPairs },
		);
		this.#scoper = new QuestionScoper(knowledge.documents);
		this.#threshold = options.threshold ?? DEFAULT_THRESHOLD;
		this.#model = options.confidenceModel ?? CONFIDENCE_MODEL;
		this.#rankOptions = options.rank;
		const semantic = options.semantic ?? { vectors: bundledWordVectors() };
		this.#semanticSource = semantic ? semantic.vectors : undefined;
		this.#semanticWeight = semantic ? (semantic.weight ?? DEFAULT_SEMANTIC_WEIGHT) : 0;
		// Every document kept, in the same order, none deleted, the same vectors: the same texts.
		const sameTexts =
			previous !== undefined &&
			previous.#semanticSource === this.#semanticSource &&
			plans.every((plan) => plan.kept) &&
			previous.#knowledge.documents.length === plans.length &&
			previous.#knowledge.documents.every((document, i) => document === plans[i]!.document);
		this.#semantic = semantic
			? new SemanticSimilarity(
					semanticVectors(semantic.vectors, knowledge),
					(entry) => targetTexts(this.#targets.at(entry)),
					{
						entryCount: this.#targets.length,
						// What the author wrote: the phrasings of film facts are the same in every film
						// document, and would make "a question about a film" the direction taken out.
						directionTexts: (entry) => {
							const target = this.#targets.at(entry);
							return target.kind === 'fact' || target.kind === 'gap' ? [] : targetTexts(target);
						},
						sameTextsAs: sameTexts ? previous.#semantic : undefined,
					},
				)
			: undefined;
	}

	/**
	 * The hits reordered by their score plus the weighted closeness in meaning, and that closeness
	 * per hit within reach of the first (undefined without word vectors, or when no word of the
	 * question has one).
	 */
	#withCloseness(
		analysed: AnalysedQuestion,
		hits: Hit[],
	): { hits: Hit[]; closeness: Map<Hit, number> | undefined } {
		const question = this.#semantic?.questionVector(analysed.words);
		if (!this.#semantic || !question) return { hits, closeness: undefined };
		const closeness = new Map<Hit, number>();
		// A hit further behind the first than the weight cannot overtake it, and is no close rival;
		// nor, measured on the public sets, is one below the first few.
		const reach = (hits[0]?.score ?? 0) - this.#semanticWeight;
		for (const hit of hits.slice(0, SEMANTIC_RIVALS)) {
			if (hit.score >= reach) closeness.set(hit, this.#semantic.similarity(question, hit.entry));
		}
		const combined = (hit: Hit) => hit.score + this.#semanticWeight * (closeness.get(hit) ?? 0);
		return { hits: [...hits].sort((a, b) => combined(b) - combined(a)), closeness };
	}

	ask(question: string, options: AskOptions = {}): Answer {
		// Folded once: small talk, scoping and the analysis all read the same text.
		const folded = foldText(question);
		const smallTalk = smallTalkReply(folded);
		if (smallTalk !== undefined) {
			return {
				question,
				kind: 'smalltalk',
				answered: false,
				text: smallTalk,
				score: 1,
				suggestions: [],
				candidates: [],
				normalized: '',
			};
		}
		const scoped = this.#scoper.scope(folded);
		const scopes = options.documentId
			? [options.documentId]
			: scoped.documentIds.length > 0
				? scoped.documentIds
				: undefined;
		const analysed = analyseQuestion(this.#index, scoped.question);
		const normalized = normalizedQuestion(scoped.documentIds, normalizedForm(analysed));
		if (analysed.vague) return this.#abstain(question, normalized, [], scopes, 'vague', undefined, 0);
		const { hits, closeness } = this.#withCloseness(
			analysed,
			rank(this.#index, analysed, {
				...this.#rankOptions,
				scopes,
				limit: SUGGESTION_POOL,
				// Everything is a candidate when nothing is to be refused (ranking alone, in evaluation).
				minScore: this.#threshold === 0 ? 0 : SUGGESTION_FLOOR,
			}),
		);
		const first = hits[0];
		const firstTarget = first && this.#targets.at(first.entry);
		const best = firstTarget?.kind === 'gap' ? candidateBesideGap(hits, this.#targets) : first;
		const target = best && this.#targets.at(best.entry);
		if (!best || !target || target.kind === 'gap') {
			const gap = firstTarget?.kind === 'gap' ? firstTarget : undefined;
			return this.#abstain(question, normalized, hits, scopes, gap ? 'known-gap' : 'no-candidate', gap, 0);
		}
		// The closest other answer: a known gap the text already outranked is none.
		const runnerUp = hits.find((hit) => {
			const other = this.#targets.at(hit.entry);
			return other.kind !== 'gap' && (other.title !== target.title || other.document !== target.document);
		});
		const evidence = confidenceFeatures(
			best,
			runnerUp?.score ?? 0,
			this.#index.largestIdf,
			closeness && {
				best: closeness.get(best) ?? 0,
				other: hits.reduce((most, hit) => {
					const other = this.#targets.at(hit.entry);
					const sameSource = other.title === target.title && other.document === target.document;
					return other.kind === 'gap' || sameSource ? most : Math.max(most, closeness.get(hit) ?? 0);
				}, 0),
			},
			this.#semantic ? termCloseness(this.#semantic, analysed, best.entry) : () => undefined,
		);
		const score = confidence(evidence, this.#model);
		const reason =
			score < this.#threshold
				? 'low-confidence'
				: matchesOnlyNames(best, this.#parts.get(target.document)!.names)
					? 'names-only'
					: undefined;
		if (reason) return this.#abstain(question, normalized, hits, scopes, reason, undefined, score);
		const { document } = target;
		return {
			question,
			kind: 'answer',
			answered: true,
			text: target.section ? sectionAnswer(target.section.paragraphs, target.section.index) : target.text,
			source: { documentId: document.id, document: document.title, title: target.title, kind: target.kind },
			score: round(score),
			suggestions: [],
			evidence,
			candidates: candidatesOf(hits, this.#targets),
			normalized,
		};
	}

	#abstain(
		question: string,
		normalized: string,
		hits: Hit[],
		scopes: readonly string[] | undefined,
		reason: AbstentionReason,
		gap: AnswerTarget | undefined,
		score: number,
	): Answer {
		const closest = this.#closestTopics(hits, scopes);
		const suggestions: Suggestion[] = closest.map(({ target }) => ({
			title: target.title,
			documentId: target.document.id,
			question: target.question,
		}));
		const candidates: Candidate[] = closest.map(({ target, kind, score }) => ({
			documentId: target.document.id,
			title: target.title,
			kind,
			score: round(score),
		}));
		const document = gap?.document;
		const text = document
			? `Sorry, I can't tell you that: the knowledge I have about ${document.title} doesn't cover ${gap.title}.`
			: "Sorry, I don't know that — the knowledge I have doesn't cover it.";
		return {
			question,
			kind: 'abstain',
			answered: false,
			abstention: reason,
			text,
			score: round(score),
			suggestions,
			candidates,
			normalized,
		};
	}

	/**
	 * The closest answerable topics (with their ranking scores), then the documents' FAQ questions
	 * (scored 0), without repeats.
	 */
	#closestTopics(hits: Hit[], scopes: readonly string[] | undefined): ClosestTopic[] {
		const closest: ClosestTopic[] = [];
		const add = (target: AnswerTarget, score: number) => {
			const { kind } = target;
			if (kind === 'gap' || closest.length >= MAX_SUGGESTIONS) return;
			if (closest.some((c) => c.target.title === target.title)) return;
			closest.push({ target, kind, score });
		};
		for (const hit of hits) add(this.#targets.at(hit.entry), hit.score);
		for (const target of this.#targets.faqTargets(scopes)) {
			if (closest.length >= MAX_SUGGESTIONS) break;
			add(target, 0);
		}
		return closest;
	}

	complete(partial: string, limit: number, options: AskOptions = {}): Suggestion[] {
		const inScope = (s: Suggestion) => !options.documentId || s.documentId === options.documentId;
		// The first topics (of the document asked for): what the list of every topic would start with.
		if (partial.trim() === '')
			return topicsOf(this.#targets.of(options.documentId ? [options.documentId] : undefined), limit);
		if (this.#topicCount() > FUZZY_COMPLETION_LIMIT) return this.#completeFromIndex(partial, limit, options);
		this.#topicSearch ??= new Fuse(this.#topics(), {
			keys: ['title'],
			ignoreLocation: true,
			threshold: 0.4,
			includeScore: true,
		});
		return this.#topicSearch
			.search(partial.trim(), { limit: limit * 4 })
			.map((r) => r.item)
			.filter(inScope)
			.slice(0, limit);
	}

	/**
	 * Autocomplete for knowledge too large for fuse.js to scan on every keystroke: the words typed
	 * so far, with the last one (unless followed by a space) replaced by the known words it begins,
	 * are ranked like a question, and the topics of the best entries are offered in that order.
	 */
	#completeFromIndex(text: string, limit: number, options: AskOptions): Suggestion[] {
		const typed = words(text);
		const unfinished = /\s$/.test(text) ? undefined : typed.pop();
		const completions =
			unfinished === undefined ? [] : this.#index.prefixes.complete(unfinished, PREFIX_COMPLETIONS);
		const query = [...typed, ...(completions.length > 0 ? completions : [unfinished ?? ''])].join(' ');
		const hits = rank(this.#index, query, {
			...this.#rankOptions,
			scopes: options.documentId ? [options.documentId] : undefined,
			limit: COMPLETION_POOL,
		});
		return topicsOf(
			hits.map((hit) => this.#targets.at(hit.entry)),
			limit,
		);
	}

	/** Every FAQ question and section heading, once each, in knowledge order (built once, for fuse.js). */
	#topics(): Suggestion[] {
		return (this.#allTopics ??= topicsOf(this.#targets, Number.POSITIVE_INFINITY));
	}

	/**
	 * How many topics {@link #topics} has, counted once without keeping them: large knowledge
	 * completes through the index and never needs the list (100,000 suggestions, ~5 MiB).
	 */
	#topicCount(): number {
		if (this.#countOfTopics === undefined) {
			const seen = new Set<string>();
			for (const target of this.#targets)
				if (target.kind === 'faq' || target.kind === 'section')
					seen.add(`${target.document.id}\u0000${target.title}`);
			this.#countOfTopics = seen.size;
		}
		return this.#countOfTopics;
	}

	documents(): DocumentSummary[] {
		return this.#knowledge.documents.map((d) => ({
			id: d.id,
			title: d.title,
			aliases: d.aliases,
			sections: d.sections.length,
			faqEntries: d.faq.length,
		}));
	}

	facts(documentId: string): DocumentFacts | undefined {
		return this.#knowledge.documents.find((d) => d.id === documentId)?.facts;
	}

	faqQuestions(documentId: string): string[] {
		return this.#knowledge.documents.find((d) => d.id === documentId)?.faq.map((f) => f.question) ?? [];
	}
}
