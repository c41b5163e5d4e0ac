/**
 * Questions the tests ask when they need "a question that one fact answers", for the real
 * Ballerina review and for the test films alike. They are written for the tests, not taken from
 * any evaluation set, and each contains the fact's key word (director, minutes, music, the role's
 * name), so it keeps finding its fact however the facts' phrasings are worded.
 */

/** Answered with the director fact: Len Wiseman for Ballerina, Mira Costa for Harbor Lights. */
export const DIRECTOR_QUESTION = "name of the film's director?";

/** Answered with the runtime fact: 120 minutes for Ballerina, 104 for Harbor Lights. */
export const RUNTIME_QUESTION = 'how many minutes does it run?';

/** Answered with Ballerina's lead role: Ana de Armas. */
export const ROONEY_QUESTION = 'who is Rooney played by?';

/** Answered with the music fact: Tyler Bates and Joel J. Richard for Ballerina. */
export const MUSIC_QUESTION = 'who wrote the music?';

/**
 * The director question naming the film, for tests whose knowledge may hold other documents:
 * Len Wiseman, from the Ballerina document.
 */
export const TITLED_DIRECTOR_QUESTION = 'Which director made the Ballerina film?';
