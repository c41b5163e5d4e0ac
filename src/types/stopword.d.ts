/**
 * The `stopword` package's English list, one module of its source (the package has no subpath
 * exports, so every file of it can be imported). Its main entry, typed by @types/stopword,
 * re-exports this same array beside 61 other languages.
 */
declare module 'stopword/src/stopwords_eng.js' {
	export const eng: string[];
}
