// Flat config in the style of the discord.js repositories: typescript-eslint's type-aware
// recommended rules, with Prettier owning all formatting.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ ignores: ['node_modules', 'bench/results', 'coverage', '.scratch', 'dist', '.dist-*'] },
	js.configs.recommended,
	...tseslint.configs.recommendedTypeChecked,
	{
		languageOptions: {
			parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
		},
		rules: {
			'@typescript-eslint/consistent-type-imports': 'error',
			'@typescript-eslint/no-explicit-any': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
		},
	},
	{ files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
	// scripts/ is plain JavaScript that tsc type-checks (checkJs), undefined names included, as for .ts.
	{ files: ['scripts/**/*.js'], rules: { 'no-undef': 'off' } },
);
