import type { CastMember, DocumentFacts, KnowledgeDocument, Person } from '../knowledge/types.js';

/**
 * Questions about a film's structured facts. Each topic is answered from the front matter when the
 * document has that fact; a topic the front matter cannot hold (budget, age rating, ...) is a
 * known gap, so the engine can say plainly that the knowledge does not cover it instead of
 * stretching an unrelated passage into a confident wrong answer.
 */
export interface FactTopic {
	id: string;
	/** Shown as the answer's source, e.g. "Release date". */
	label: string;
	/** How people ask for it; indexed like an FAQ entry's alternates. */
	questions: string[];
	/** The answer, or undefined when the document does not state this fact. */
	answer(document: KnowledgeDocument, facts: DocumentFacts): string | undefined;
}

const longDate = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });

export function formatReleaseDate(isoDate: string): string {
	return `${longDate.format(new Date(`${isoDate}T00:00:00Z`))} (${isoDate})`;
}

function listNames(names: string[]): string {
	if (names.length <= 1) return names.join('');
	return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function knownFor(person: Person): string {
	return person.knownFor.length > 0 ? ` (known for ${listNames(person.knownFor)})` : '';
}

/**
 * One cast member as every interface shows them: `Name as Role (known for …)`, the name passed
 * through `name` (Discord makes it bold).
 */
export function castLine(member: CastMember, name = (text: string) => text): string {
	return `${name(member.name)}${member.role ? ` as ${member.role}` : ''}${knownFor(member)}`;
}

/*
 * How people ask for a film's facts, written from general knowledge of how film fans talk (in
 * chat, with slang and abbreviations), not from any question set. They are indexed like an FAQ
 * entry's alternates, so each topic answers many phrasings and a fact question phrased unlike the
 * review's headings still finds its fact.
 */
export const FILM_FACT_TOPICS: readonly FactTopic[] = [
	{
		id: 'release-date',
		label: 'Release date',
		questions: [
			'When is it released?',
			'Release date',
			'When does it come out?',
			'When did it come out?',
			'What year did it come out?',
			'What year was it released?',
			'Release year',
			'When does it premiere?',
			'When does it hit theaters?',
			'When is it in cinemas?',
			'When can I see it in theaters?',
			'Is it out yet?',
			'When does it open?',
			'Opening day',
			'Premiere date',
			'When does it drop?',
		],
		answer: (document, facts) =>
			facts.releaseDate && `${document.title} is released on ${formatReleaseDate(facts.releaseDate)}.`,
	},
	{
		id: 'director',
		label: 'Director',
		questions: [
			'Who directed it?',
			'Who is the director?',
			'Directed by',
			'Who made it?',
			'Who is the filmmaker?',
			'Who helmed it?',
			'Who was in the director’s chair?',
			'Which director?',
		],
		answer: (document, facts) =>
			facts.directors.length > 0
				? `${document.title} is directed by ${listNames(facts.directors.map((d) => `${d.name}${knownFor(d)}`))}.`
				: undefined,
	},
	{
		id: 'cast',
		label: 'Cast',
		questions: [
			'Who is in the cast?',
			'Main cast',
			'Cast list',
			'Who stars in it?',
			'Who is starring?',
			'Who is the star?',
			'Who are the actors?',
			'Which actors are in it?',
			'Who is in it?',
			'Who plays who?',
			'Who plays the lead?',
			'Lead actor or actress',
			'Starring',
		],
		answer: (document, facts) =>
			facts.cast.length > 0
				? `${document.title} stars ${listNames(facts.cast.map((member) => castLine(member)))}.`
				: undefined,
	},
	{
		id: 'runtime',
		label: 'Runtime',
		questions: [
			'How long is it?',
			'How long is the movie?',
			'Runtime',
			'Running time',
			'Length in minutes',
			'How many minutes is it?',
			'How many hours is it?',
			'Is it a long movie?',
			'Duration',
			'How long does it last?',
		],
		answer: (document, facts) =>
			facts.runtimeMinutes === undefined
				? undefined
				: `${document.title} runs ${facts.runtimeMinutes} minutes (${Math.floor(facts.runtimeMinutes / 60)} h ${facts.runtimeMinutes % 60} min).`,
	},
	{
		id: 'music',
		label: 'Music',
		questions: [
			'Who composed the music?',
			'Who wrote the score?',
			'Who did the soundtrack?',
			'Soundtrack composer',
			'Composer',
			'Music by',
			'OST',
			'Original soundtrack',
		],
		answer: (document, facts) =>
			facts.composers.length > 0
				? `The music of ${document.title} is by ${listNames(facts.composers)}.`
				: undefined,
	},
	...gaps({
		'its budget': [
			'What was the production budget?',
			'How expensive was it to make?',
			'Budget',
			'How much did it cost to make?',
		],
		'its box office results': [
			'How much money did it make?',
			'Box office gross',
			'Box office earnings',
			'Was it a box office hit or a flop?',
			'Opening weekend',
		],
		'its age rating': [
			'What is it rated?',
			'Age rating',
			'MPAA rating',
			'Is it suitable for kids?',
			'Is it R-rated?',
			'Is it PG-13?',
			'Parental guidance',
		],
		'critic or audience scores': [
			'IMDb score',
			'IMDb rating',
			'Rotten Tomatoes score',
			'Metacritic score',
			'Audience score',
			'How many stars did critics give it?',
		],
		'where to stream or buy it': [
			'Where can I stream it?',
			'Is it on Netflix?',
			'Is it on Prime Video?',
			'Which streaming service has it?',
			'When is it out on digital or Blu-ray?',
			'DVD release',
			'Can I rent it online?',
		],
		'a post-credits scene': [
			'Is there a post-credits scene?',
			'Is there a mid-credits scene?',
			'Stay after the credits',
		],
		'the screenwriter': [
			'Who wrote the screenplay?',
			'Screenwriter',
			'Who wrote the script?',
			'Who wrote it?',
		],
		'the producers or studio': [
			'Who produced it?',
			'Producer',
			'Production company',
			'Distributor',
			'Which studio made it?',
		],
		'the cinematographer': ['Who is the cinematographer?', 'Director of photography', 'Who shot the film?'],
		'the editor': ['Who edited it?', 'Film editor'],
		'the trailer': ['Is there a trailer?', 'Where can I watch the trailer?', 'Teaser'],
		'the filming locations': ['Where was it filmed?', 'Filming locations', 'Where was it shot?'],
		'awards and nominations': [
			'Did it win any awards?',
			'Oscar nominations',
			'Awards',
			'Was it nominated for anything?',
		],
		'sequel plans': ['Will there be a sequel?', 'Sequel plans', 'Is a part 2 planned?'],
		'the cast’s ages': ['How old is the lead actress?', 'Age of the actors', 'How old is she?'],
		'the filming dates': ['When was it filmed?', 'Production start', 'How long did filming take?'],
		'its languages and subtitles': ['What languages is it in?', 'Is it dubbed?', 'Does it have subtitles?'],
		'its showtimes and tickets': ['Where can I buy tickets?', 'Showtimes near me', 'Ticket prices'],
		'its special effects': [
			'How were the effects done?',
			'Visual effects studio',
			'CGI or practical effects?',
		],
		'its shooting format': [
			'Was it shot on film or digital?',
			'Which camera was it shot on?',
			'Is it in IMAX?',
			'Is it in 3D?',
		],
	}),
];

/** Topics a film's front matter has no field for: always answered with "the knowledge doesn't say". */
function gaps(questionsByLabel: Record<string, string[]>): FactTopic[] {
	return Object.entries(questionsByLabel).map(([label, questions]) => ({
		id: `gap-${label.replace(/\W+/g, '-')}`,
		label,
		questions,
		answer: () => undefined,
	}));
}

/** One topic per named person, so "who plays X" and "what is Y known for" get a direct answer. */
function peopleTopics(document: KnowledgeDocument): FactTopic[] {
	const facts = document.facts;
	if (!facts) return [];
	const cast = facts.cast.flatMap((member): FactTopic[] => {
		const questions = [
			`Who is ${member.name}?`,
			`What is ${member.name} known for?`,
			`Is ${member.name} in it?`,
		];
		const roleQuestions = [
			`What role does ${member.name} have?`,
			`Which character does ${member.name} play?`,
		];
		let text = `${member.name} is in the cast of ${document.title}`;
		if (member.role) {
			questions.push(...roleQuestions, `Who plays ${member.role}?`, `Who is ${member.role} played by?`);
			text = `${member.name} plays ${member.role} in ${document.title}`;
		}
		if (member.knownFor.length > 0) text += `, and is known for ${listNames(member.knownFor)}`;
		const topic: FactTopic = {
			id: `cast-${member.name}`,
			label: member.role ? `${member.name} as ${member.role}` : member.name,
			questions,
			answer: () => `${text}.`,
		};
		// Without a role in the front matter, "who does X play" is a gap: answering it with "X is
		// in the cast" would look like an answer while leaving the question open.
		return member.role ? [topic] : [topic, ...gaps({ [`${member.name}’s role`]: roleQuestions })];
	});
	const directors = facts.directors.map((director): FactTopic => ({
		id: `director-${director.name}`,
		label: director.name,
		questions: [
			`Who is ${director.name}?`,
			`What is ${director.name} known for?`,
			`What else has ${director.name} directed?`,
		],
		answer: () =>
			`${director.name} directed ${document.title}${director.knownFor.length > 0 ? ` and is known for ${listNames(director.knownFor)}` : ''}.`,
	}));
	return [...cast, ...directors];
}

export function factTopicsFor(document: KnowledgeDocument): readonly FactTopic[] {
	return document.kind === 'film' ? [...FILM_FACT_TOPICS, ...peopleTopics(document)] : [];
}
