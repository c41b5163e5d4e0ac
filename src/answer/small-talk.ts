/**
 * Greetings, thanks and the like get a short friendly reply and never a knowledge passage: a
 * "thanks!" answered with a paragraph of the review is the kind of reply that makes a bot feel broken.
 */
export type SmallTalkKind = 'greeting' | 'thanks' | 'goodbye' | 'wellbeing' | 'identity' | 'acknowledgement';

const PHRASES: ReadonlyArray<readonly [SmallTalkKind, RegExp]> = [
	['thanks', /\b(thanks?( you| u)?|thx|ty|tysm|cheers|much appreciated|appreciate it)\b/g],
	['greeting', /\b(hi+|hey+|hello+|howdy|yo|sup|hiya|greetings|good (morning|afternoon|evening|day)|gm)\b/g],
	['goodbye', /\b(bye+|goodbye|see (ya|you)( later)?|later|good ?night|gn|cya)\b/g],
	['wellbeing', /\b(how are (you|u)( doing)?|how s it going|hows it going|whats up|wassup)\b/g],
	['identity', /\b(who are (you|u)|what are (you|u)|are (you|u) a bot|what can (you|u) do)\b/g],
	['acknowledgement', /\b(ok(ay)?|cool|nice|great|awesome|got it|lol|lmao|haha+|perfect|sweet|neat)\b/g],
];

/** Words that may surround small talk without making it a question ("thanks so much bot!"). */
const FILLER =
	/\b(there|so|much|a|lot|very|bot|mate|man|all|everyone|guys|again|for|the|help|and|oh|well|just|you|u)\b/g;

const REPLIES: Record<SmallTalkKind, string> = {
	greeting: 'Hi! Ask me anything about what my knowledge covers — try `/faq` to see the questions I know.',
	thanks: "You're welcome! Happy to help.",
	goodbye: 'Bye! Come back any time.',
	wellbeing: "I'm a bot, so always ready. What would you like to know?",
	identity:
		'I answer questions from this server’s knowledge base and tell you where each answer comes from. Try `/help`.',
	acknowledgement: '👍',
};

/**
 * The small-talk reply for a message that is nothing but small talk, otherwise undefined.
 * `folded` is the message as foldText() returns it.
 */
export function smallTalkReply(folded: string): string | undefined {
	let rest = folded;
	let first: SmallTalkKind | undefined;
	for (const [kind, pattern] of PHRASES) {
		const stripped = rest.replace(pattern, ' ');
		if (stripped !== rest) {
			first ??= kind;
			rest = stripped;
		}
	}
	if (first === undefined) return undefined;
	return rest.replace(FILLER, ' ').trim() === '' ? REPLIES[first] : undefined;
}
