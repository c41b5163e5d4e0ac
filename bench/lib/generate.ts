/**
 * A seeded generator of game/product-community FAQ knowledge and of questions to ask it.
 * Everything is derived from the seed, so every process that asks for the same size gets the same
 * knowledge and the same questions.
 */
import type { FaqEntry, KnowledgeBase, KnowledgeDocument } from '../../src/knowledge/types.js';
import { slugify } from '../../src/knowledge/slug.js';
import { Random } from '../../testkit/random.js';

// prettier-ignore
const NAME_START = [
	'zar', 'quel', 'mor', 'vex', 'dra', 'kin', 'lum', 'fen', 'tor', 'sky', 'ash', 'bel', 'cor', 'dun', 'el',
	'fal', 'gar', 'hel', 'ith', 'jor', 'kal', 'lor', 'mir', 'nor', 'or', 'pyr', 'ryn', 'sol', 'tal', 'ul',
	'val', 'wyr', 'xan', 'yor', 'zen', 'brak', 'cael', 'drom', 'eth', 'fyr', 'grim', 'hal', 'ior', 'kess',
];
// prettier-ignore
const NAME_END = [
	'vok', 'ion', 'heim', 'gard', 'fall', 'crest', 'wind', 'forge', 'hold', 'reach', 'mere', 'spire', 'vale',
	'keep', 'shade', 'rift', 'stone', 'fire', 'light', 'born', 'aria', 'os', 'ix', 'ara', 'eth', 'undr',
];
// prettier-ignore
const ITEM_START = ['thal', 'brak', 'ser', 'vul', 'aen', 'mor', 'kry', 'ost', 'ven', 'gil', 'har', 'ny', 'pel', 'rho', 'sca', 'tir', 'ur', 'wen', 'yth', 'zo'];
// prettier-ignore
const ITEM_MIDDLE = ['a', 'e', 'i', 'o', 'u', 'ae', 'ia', 'or', 'an', 'el'];
// prettier-ignore
const ITEM_END = ['wen', 'ka', 'dris', 'mor', 'leth', 'gan', 'sil', 'tor', 'vyn', 'rak', 'dun', 'essa', 'ith', 'ox'];

// prettier-ignore
const COMPONENTS = [
	'launcher', 'client', 'app', 'server', 'store', 'forum', 'wiki', 'account', 'profile', 'inventory', 'guild',
	'clan', 'party', 'lobby', 'matchmaking', 'leaderboard', 'settings', 'patch', 'update', 'mod loader', 'modpack',
	'save file', 'cloud save', 'controller', 'keybinds', 'overlay', 'voice chat', 'marketplace', 'battle pass',
	'season pass', 'expansion', 'beta', 'test server', 'anticheat', 'replay viewer', 'photo mode', 'tutorial',
	'campaign', 'ranked queue', 'arena', 'raid finder', 'dungeon', 'crafting bench', 'auction house', 'mailbox',
	'friends list', 'chat filter', 'subtitle menu', 'graphics menu', 'audio menu', 'companion app', 'web portal',
	'support site', 'bug tracker', 'dedicated server', 'map editor', 'workshop', 'achievement list', 'stash',
	'bank', 'garage', 'hangar', 'barracks', 'housing plot', 'character creator', 'loadout screen', 'spectator mode',
];
// prettier-ignore
const NOUNS = [
	'password', 'email', 'username', 'display name', 'avatar', 'skin', 'emote', 'badge', 'achievement', 'trophy',
	'currency', 'gems', 'coins', 'gold', 'refund', 'purchase', 'receipt', 'subscription', 'key', 'code', 'voucher',
	'gift card', 'bundle', 'pack', 'crate', 'loot box', 'mount', 'pet', 'title', 'banner', 'frame', 'weapon',
	'armor', 'shield', 'helmet', 'gloves', 'boots', 'ring', 'amulet', 'potion', 'scroll', 'recipe', 'blueprint',
	'quest', 'mission', 'contract', 'bounty', 'challenge', 'reward', 'xp', 'level', 'rank', 'elo', 'mmr', 'streak',
	'stats', 'progress', 'save', 'backup', 'screenshot', 'clip', 'replay', 'region', 'language', 'timezone',
	'resolution', 'framerate', 'fps cap', 'vsync', 'brightness', 'sensitivity', 'crosshair', 'hud', 'minimap',
	'nameplate', 'tooltip', 'notification', 'friend request', 'invite', 'message', 'report', 'ban', 'suspension',
	'appeal', 'warning', 'mute', 'chat log', 'two factor authentication', 'authenticator', 'phone number',
	'recovery code', 'security question', 'payment method', 'credit card', 'paypal', 'wallet', 'balance',
	'invoice', 'tax', 'price', 'discount', 'sale', 'coupon', 'promo code', 'preorder', 'early access', 'demo',
	'trial', 'license', 'copy', 'edition', 'dlc', 'soundtrack', 'artbook', 'collector item', 'cosmetic', 'dye',
	'transmog', 'appearance', 'hairstyle', 'tattoo', 'voice pack', 'announcer', 'music track', 'lobby music',
	'ping', 'latency', 'packet loss', 'connection', 'nat type', 'port', 'firewall', 'vpn', 'router', 'driver',
	'graphics card', 'cpu', 'memory', 'disk space', 'install folder', 'cache', 'shader cache', 'config file',
	'log file', 'crash report', 'error message', 'loading screen', 'black screen', 'stutter', 'freeze',
	'memory leak', 'mod', 'addon', 'plugin', 'macro', 'script', 'texture pack', 'map', 'server list', 'whitelist',
	'blacklist', 'permissions', 'role', 'moderator', 'admin', 'ticket', 'support ticket', 'feedback', 'suggestion',
	'roadmap', 'patch notes', 'changelog', 'maintenance', 'downtime', 'outage', 'status page', 'event', 'tournament',
	'season', 'ladder', 'bracket', 'team', 'squad', 'roster', 'captain', 'sponsor', 'stream', 'twitch drop',
	'creator code', 'referral', 'newsletter', 'age rating', 'parental controls', 'playtime limit', 'spending limit',
	'data export', 'privacy setting', 'cookie', 'terms of service', 'eula', 'cheater', 'exploit', 'glitch', 'bug',
	'hitbox', 'netcode', 'tick rate', 'spawn point', 'respawn timer', 'cooldown', 'talent tree', 'skill point',
	'perk', 'build', 'class', 'spec', 'faction', 'reputation', 'honor', 'karma', 'daily login', 'weekly reset',
	'energy', 'stamina', 'inventory slot', 'bag space', 'storage tab', 'loadout', 'preset', 'keybind profile',
	'controller layout', 'aim assist', 'dead zone', 'vibration', 'gyro', 'colorblind mode', 'subtitles',
	'text size', 'narrator', 'accessibility option', 'voice line', 'cutscene', 'ending', 'new game plus',
	'difficulty', 'hardcore mode', 'permadeath', 'checkpoint', 'autosave', 'manual save', 'world seed',
	'server region', 'crossplay', 'cross progression', 'platform link', 'console account', 'steam account',
	'epic account', 'xbox account', 'psn account', 'nintendo account', 'family sharing', 'guest pass',
];
// [base, gerund, past participle]
// prettier-ignore
const VERBS: ReadonlyArray<readonly [string, string, string]> = [
	['reset', 'resetting', 'reset'], ['change', 'changing', 'changed'], ['recover', 'recovering', 'recovered'],
	['link', 'linking', 'linked'], ['unlink', 'unlinking', 'unlinked'], ['transfer', 'transferring', 'transferred'],
	['redeem', 'redeeming', 'redeemed'], ['cancel', 'cancelling', 'cancelled'], ['renew', 'renewing', 'renewed'],
	['download', 'downloading', 'downloaded'], ['install', 'installing', 'installed'],
	['uninstall', 'uninstalling', 'uninstalled'], ['update', 'updating', 'updated'], ['verify', 'verifying', 'verified'],
	['report', 'reporting', 'reported'], ['appeal', 'appealing', 'appealed'], ['unlock', 'unlocking', 'unlocked'],
	['equip', 'equipping', 'equipped'], ['craft', 'crafting', 'crafted'], ['trade', 'trading', 'traded'],
	['sell', 'selling', 'sold'], ['buy', 'buying', 'bought'], ['refund', 'refunding', 'refunded'],
	['restore', 'restoring', 'restored'], ['back up', 'backing up', 'backed up'], ['sync', 'syncing', 'synced'],
	['export', 'exporting', 'exported'], ['import', 'importing', 'imported'], ['enable', 'enabling', 'enabled'],
	['disable', 'disabling', 'disabled'], ['configure', 'configuring', 'configured'], ['rebind', 'rebinding', 'rebound'],
	['join', 'joining', 'joined'], ['leave', 'leaving', 'left'], ['invite', 'inviting', 'invited'],
	['kick', 'kicking', 'kicked'], ['mute', 'muting', 'muted'], ['unmute', 'unmuting', 'unmuted'],
	['create', 'creating', 'created'], ['delete', 'deleting', 'deleted'], ['rename', 'renaming', 'renamed'],
	['merge', 'merging', 'merged'], ['upgrade', 'upgrading', 'upgraded'], ['downgrade', 'downgrading', 'downgraded'],
	['repair', 'repairing', 'repaired'], ['salvage', 'salvaging', 'salvaged'], ['upload', 'uploading', 'uploaded'],
	['share', 'sharing', 'shared'], ['hide', 'hiding', 'hidden'], ['claim', 'claiming', 'claimed'],
	['gift', 'gifting', 'gifted'], ['reroll', 'rerolling', 'rerolled'], ['respec', 'respeccing', 'respecced'],
	['farm', 'farming', 'farmed'], ['fix', 'fixing', 'fixed'], ['find', 'finding', 'found'], ['move', 'moving', 'moved'],
	['register', 'registering', 'registered'], ['activate', 'activating', 'activated'],
	['deactivate', 'deactivating', 'deactivated'], ['lock', 'locking', 'locked'], ['track', 'tracking', 'tracked'],
	['stream', 'streaming', 'streamed'], ['record', 'recording', 'recorded'], ['host', 'hosting', 'hosted'],
	['whitelist', 'whitelisting', 'whitelisted'], ['promote', 'promoting', 'promoted'], ['claim back', 'claiming back', 'claimed back'],
	['preorder', 'preordering', 'preordered'], ['convert', 'converting', 'converted'], ['split', 'splitting', 'split'],
	['customize', 'customizing', 'customized'], ['preview', 'previewing', 'previewed'], ['skip', 'skipping', 'skipped'],
];
// prettier-ignore
const PLATFORMS = [
	'windows', 'mac', 'linux', 'steam deck', 'ps5', 'ps4', 'xbox series x', 'xbox one', 'switch', 'android',
	'iphone', 'ipad', 'chromebook', 'geforce now', 'browser',
];
// prettier-ignore
const ADJECTIVES = [
	'new', 'old', 'premium', 'free', 'limited', 'seasonal', 'legendary', 'rare', 'epic', 'founder', 'starter',
	'deluxe', 'ultimate', 'exclusive', 'event', 'ranked', 'casual', 'private', 'public', 'shared', 'main', 'alt',
	'secondary', 'default', 'custom', 'expired', 'duplicate', 'missing', 'broken', 'corrupted', 'locked', 'hidden',
];
// prettier-ignore
const SYMPTOMS = [
	'keeps crashing', 'is stuck on the loading screen', 'shows a black screen', 'will not start', 'lags a lot',
	'disconnects me', 'is greyed out', 'says access denied', 'never finishes', 'freezes at 99 percent',
	'is missing', 'resets every time', 'shows the wrong region', 'does nothing', 'times out',
];

// Off-topic vocabulary: things a community server gets asked that no FAQ here covers.
// prettier-ignore
const OFF_TOPIC_TEMPLATES: ReadonlyArray<(r: Random) => string> = [
	(r) => `what is a good recipe for ${r.pick(['banana bread', 'lasagna', 'pancakes', 'ramen', 'chili', 'apple pie', 'sourdough', 'curry', 'tacos', 'risotto'])}`,
	(r) => `who won the ${r.pick(['world cup', 'super bowl', 'tour de france', 'champions league', 'chess olympiad', 'wimbledon'])} in ${1990 + r.int(34)}`,
	(r) => `how tall is the ${r.pick(['eiffel tower', 'empire state building', 'burj khalifa', 'statue of liberty', 'big ben', 'space needle'])}`,
	(r) => `how warm does it get in ${r.pick(['paris', 'tokyo', 'berlin', 'chicago', 'lagos', 'lima', 'sydney', 'toronto', 'madrid', 'oslo'])} ${r.pick(['today', 'tomorrow', 'this weekend', 'in spring'])}`,
	(r) => `can you recommend a ${r.pick(['fantasy', 'mystery', 'science fiction', 'romance', 'history', 'horror'])} ${r.pick(['book', 'novel', 'podcast', 'tv show', 'film'])}`,
	(r) => `how do i ${r.pick(['fix', 'clean', 'paint', 'replace', 'tune', 'oil'])} my ${r.pick(['bicycle chain', 'kitchen sink', 'car brakes', 'guitar strings', 'lawn mower', 'washing machine', 'garden fence'])}`,
	(r) => `what is the capital of ${r.pick(['australia', 'canada', 'brazil', 'kenya', 'mongolia', 'peru', 'norway', 'vietnam'])}`,
	(r) => `how many ${r.pick(['calories', 'grams of protein', 'carbs'])} are in ${r.pick(['an egg', 'a banana', 'a slice of pizza', 'a cup of rice', 'an avocado'])}`,
	(r) => `${r.pick(['is it', 'will it be'])} ${r.pick(['safe', 'legal', 'cheap', 'worth it'])} to ${r.pick(['travel to', 'move to', 'study in', 'retire in'])} ${r.pick(['portugal', 'japan', 'chile', 'estonia', 'thailand'])}`,
	(r) => `why do ${r.pick(['cats purr', 'onions make you cry', 'owls hoot at night', 'kettles whistle'])}`,
	(r) => `translate "${r.pick(['good morning', 'see you next week', 'where is the station', 'i love you'])}" into ${r.pick(['spanish', 'german', 'korean', 'italian', 'swahili'])}`,
	(r) => `how long should i ${r.pick(['boil', 'bake', 'grill', 'steam'])} ${r.pick(['potatoes', 'salmon', 'broccoli', 'chicken thighs', 'corn on the cob'])}`,
	(r) => `what ${r.pick(['time', 'day'])} does the ${r.pick(['post office', 'pharmacy', 'library', 'gym', 'bank branch'])} ${r.pick(['open', 'close'])}`,
	(r) => `who ${r.pick(['wrote', 'painted', 'composed', 'invented'])} ${r.pick(['the mona lisa', 'hamlet', 'the telephone', 'the four seasons', 'don quixote', 'the printing press'])}`,
	(r) => `${r.pick(['best', 'cheapest', 'fastest'])} way to learn ${r.pick(['python', 'the piano', 'japanese', 'calculus', 'chess', 'to swim'])}`,
	(r) => `is ${r.pick(['coffee', 'green tea', 'cheese', 'running', 'fasting'])} ${r.pick(['good', 'bad'])} for ${r.pick(['your heart', 'sleep', 'dogs', 'your teeth', 'memory'])}`,
];

const CASUAL_PREFIX = ['hey ', 'yo ', 'quick question: ', 'help, ', 'anyone know ', 'pls ', ''];
const CASUAL_SUFFIX = [' pls', ' ??', ' thx', ' lol', '?', ''];

/** Generated knowledge and its size. */
export interface Generated {
	knowledge: KnowledgeBase;
	entries: number;
	alternates: number;
}

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

function productNames(): string[] {
	const names: string[] = [];
	for (const start of NAME_START) for (const end of NAME_END) names.push(capitalise(start + end));
	return names;
}

function itemNames(random: Random, count: number): string[] {
	const names = new Set<string>();
	let guard = 0;
	while (names.size < count && guard++ < count * 20) {
		const middle = random.chance(0.6) ? random.pick(ITEM_MIDDLE) : '';
		names.add(capitalise(random.pick(ITEM_START) + middle + random.pick(ITEM_END)));
	}
	return [...names];
}

/** Slots one entry's question, alternates and answer are written from. */
interface Slots {
	product: string;
	verb: readonly [string, string, string];
	noun: string;
	noun2: string;
	component: string;
	platform: string;
	platform2: string;
	adjective: string;
	item: string;
	symptom: string;
	code: number;
}

// prettier-ignore
const QUESTION_TEMPLATES: ReadonlyArray<(s: Slots) => string> = [
	(s) => `How do I ${s.verb[0]} my ${s.noun} in the ${s.product} ${s.component}?`,
	(s) => `Why can't I ${s.verb[0]} the ${s.adjective} ${s.noun} on ${s.platform}?`,
	(s) => `What happens to my ${s.noun} when I ${s.verb[0]} the ${s.item} ${s.noun2}?`,
	(s) => `Where can I ${s.verb[0]} the ${s.item} ${s.noun}?`,
	(s) => `Is it possible to ${s.verb[0]} ${s.noun} between ${s.platform} and ${s.platform2}?`,
	(s) => `The ${s.component} shows error ${s.code} when I ${s.verb[0]} my ${s.noun}, what do I do?`,
	(s) => `My ${s.component} ${s.symptom} after ${s.verb[1]} the ${s.noun}. How do I fix it?`,
	(s) => `Can I get my ${s.noun} back after it was ${s.verb[2]}?`,
	(s) => `How long does it take to ${s.verb[0]} a ${s.adjective} ${s.noun}?`,
	(s) => `Does ${s.verb[1]} my ${s.noun} affect my ${s.noun2}?`,
];

// prettier-ignore
const ALTERNATE_TEMPLATES: ReadonlyArray<(s: Slots) => string> = [
	(s) => `${s.verb[0]} ${s.noun} ${s.component}`,
	(s) => `cant ${s.verb[0]} ${s.noun} anymore`,
	(s) => `how to ${s.verb[0]} ${s.adjective} ${s.noun} on ${s.platform}`,
	(s) => `${s.noun} ${s.verb[1]} not working in ${s.product}`,
	(s) => `is there a way to ${s.verb[0]} the ${s.item} ${s.noun}`,
	(s) => `${s.product} ${s.noun} ${s.verb[2]} by mistake`,
	(s) => `what is the ${s.noun} ${s.verb[1]} process`,
	(s) => `error ${s.code} ${s.verb[1]} ${s.noun}`,
	(s) => `need help ${s.verb[1]} my ${s.noun2} and ${s.noun}`,
	(s) => `${s.component} ${s.symptom} when ${s.verb[1]} ${s.noun}`,
	(s) => `steps to ${s.verb[0]} ${s.noun} for ${s.item}`,
	(s) => `where is the option to ${s.verb[0]} my ${s.noun}`,
];

// prettier-ignore
const ANSWER_TEMPLATES: ReadonlyArray<(s: Slots) => string> = [
	(s) => `Open the ${s.product} ${s.component}, go to Settings, then ${capitalise(s.noun)} and choose ${capitalise(s.verb[0])}. The change applies after a restart. If it fails with error ${s.code}, send a support ticket with your ${s.noun2} and the log file.`,
	(s) => `${capitalise(s.verb[1])} a ${s.noun} is possible once per week. On ${s.platform} the option sits in the ${s.component}; on ${s.platform2} it is in the web portal. ${s.item} items are not affected.`,
	(s) => `You cannot ${s.verb[0]} a ${s.adjective} ${s.noun} while the ${s.noun2} is active. Wait for the weekly reset, or ask a moderator in the support channel to do it for you.`,
	(s) => `This is a known issue with the ${s.component} on ${s.platform}. Clear the shader cache, verify the install folder and try again. We track it as bug ${s.code} in the patch notes.`,
];

/** A typo a person makes: swap, drop, double or replace one letter of a word of five letters or more. */
function typo(word: string, random: Random): string {
	if (word.length < 5 || !/^[a-z]+$/i.test(word)) return word;
	const i = 1 + random.int(word.length - 2);
	switch (random.int(4)) {
		case 0:
			return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
		case 1:
			return word.slice(0, i) + word.slice(i + 1);
		case 2:
			return word.slice(0, i) + word[i] + word.slice(i);
		default:
			return word.slice(0, i) + 'etaoinsr'[random.int(8)] + word.slice(i + 1);
	}
}

/** A paraphrased, typo'd way to ask a known alternate: what a real user types. */
export function variantOf(text: string, random: Random): string {
	let words = text
		.replace(/[?.!,]/g, '')
		.toLowerCase()
		.split(/\s+/)
		.filter(Boolean);
	if (words.length > 4 && random.chance(0.4)) words.splice(random.int(words.length), 1);
	if (words.length > 3 && random.chance(0.3)) {
		const i = random.int(words.length - 1);
		[words[i], words[i + 1]] = [words[i + 1]!, words[i]!];
	}
	const typos = 1 + random.int(2);
	for (let k = 0; k < typos; k++) {
		const i = random.int(words.length);
		words[i] = typo(words[i]!, random);
	}
	words = words.filter(Boolean);
	return `${random.pick(CASUAL_PREFIX)}${words.join(' ')}${random.pick(CASUAL_SUFFIX)}`;
}

export function offTopicQuestion(random: Random): string {
	const text = random.pick(OFF_TOPIC_TEMPLATES)(random);
	const asked = random.chance(0.3) ? variantOf(text, random) : `${capitalise(text)}?`;
	return asked;
}

export interface GenerateOptions {
	entries: number;
	/** Entries per document (one FAQ file each); the last document takes the rest. */
	perDocument: number;
	seed: number;
}

/**
 * FAQ knowledge of about `entries` entries, 3–5 alternates each, in documents of `perDocument`
 * entries, each document about one product.
 */
export function generateKnowledge(options: GenerateOptions): Generated {
	const random = new Random(options.seed);
	const products = random.shuffle(productNames());
	const items = itemNames(random, 3000);
	const documentCount = Math.max(1, Math.ceil(options.entries / options.perDocument));
	if (documentCount > products.length) throw new Error(`at most ${products.length} documents`);
	const documents: KnowledgeDocument[] = [];
	let alternates = 0;
	let made = 0;
	for (let d = 0; d < documentCount; d++) {
		const product = products[d]!;
		const want = Math.min(options.perDocument, options.entries - made);
		const faq: FaqEntry[] = [];
		const seen = new Set<string>();
		while (faq.length < want) {
			const slots: Slots = {
				product,
				verb: random.zipf(VERBS),
				noun: random.zipf(NOUNS),
				noun2: random.zipf(NOUNS),
				component: random.zipf(COMPONENTS),
				platform: random.zipf(PLATFORMS),
				platform2: random.zipf(PLATFORMS),
				adjective: random.zipf(ADJECTIVES),
				item: random.pick(items),
				symptom: random.pick(SYMPTOMS),
				code: 100 + random.int(9900),
			};
			const question = random.pick(QUESTION_TEMPLATES)(slots);
			const id = slugify(question);
			if (seen.has(id)) continue;
			seen.add(id);
			const alternateCount = 3 + random.int(3);
			const entryAlternates = random
				.sample(ALTERNATE_TEMPLATES, alternateCount)
				.map((template) => template(slots));
			alternates += entryAlternates.length;
			faq.push({ id, question, answer: random.pick(ANSWER_TEMPLATES)(slots), alternates: entryAlternates });
		}
		made += faq.length;
		documents.push({
			id: product.toLowerCase(),
			title: product,
			aliases: [],
			kind: 'general',
			file: `${product.toLowerCase()}.yaml`,
			sections: [],
			faq,
			synonyms: [],
		});
	}
	return { knowledge: { documents, synonyms: [] }, entries: made, alternates };
}

export interface BenchQuestion {
	text: string;
	/** 'known': a variant of an existing alternate or question; 'off-topic': nothing covers it. */
	kind: 'known' | 'off-topic';
	/** For known questions: the FAQ question of the entry it came from. */
	expected?: string;
}

/** `count` questions, alternating known variants and off-topic questions, fixed by the seed. */
export function benchQuestions(knowledge: KnowledgeBase, count: number, seed: number): BenchQuestion[] {
	const random = new Random(seed);
	const all = knowledge.documents.flatMap((d) => d.faq);
	const questions: BenchQuestion[] = [];
	for (let i = 0; i < count; i++) {
		if (i % 2 === 0) {
			const entry = random.pick(all);
			const source = random.pick([entry.question, ...entry.alternates]);
			questions.push({ text: variantOf(source, random), kind: 'known', expected: entry.question });
		} else {
			questions.push({ text: offTopicQuestion(random), kind: 'off-topic' });
		}
	}
	return questions;
}
