// Lint with typescript-eslint's type-checked rules: a sync engine lives or dies by
// awaited promises (no-floating-promises, no-misused-promises) and exhaustive switches.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // What .gitignore leaves out: build output, installs, local state, a developer's scratch folder.
  { ignores: ['dist/', 'coverage/', 'node_modules/', '.client-sync/', 'scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // Records here are plain JSON objects; removing a field by its name is the normal operation.
      '@typescript-eslint/no-dynamic-delete': 'off',
      // Returning a helper's `undefined` to end a branch reads well in the compilers and codecs.
      '@typescript-eslint/no-confusing-void-expression': 'off',
      // Code-point counting with spread is intended: vendors count characters, not grapheme clusters.
      '@typescript-eslint/no-misused-spread': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'exit', message: 'Only src/cli/main.ts may exit the process.' },
        { object: 'process', property: 'env', message: 'Only config loading reads the environment.' },
      ],
    },
  },
  // This file is plain JavaScript, outside the TypeScript project (no allowJs): lint it without types.
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['test/**', 'bench/**', 'vitest.config.ts', 'vitest.chaos.config.ts', 'eslint.config.js'],
    rules: {
      'no-restricted-properties': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
