// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

/** Every Node built-in, bare and with its `node:` prefix (and their subpaths). */
const nodeBuiltins = ['node:*', ...builtinModules.flatMap((name) => [name, `${name}/*`])];

/** Import rules of DESIGN.md: arrows point down only. A pattern may be a group with exceptions. */
const layer = (files, patterns, paths = []) => ({
  files,
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        paths: paths.map((name) => ({ name, message: 'Not allowed in this layer (DESIGN.md).' })),
        patterns: patterns.map((group) => ({
          group: Array.isArray(group) ? group : [group],
          message: 'Not allowed in this layer (DESIGN.md).',
        })),
      },
    ],
  },
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      '.tools/**',
      '.reports/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.node.json', './tsconfig.web.json', './tsconfig.e2e.json'],
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Tests state what must exist by asserting it; a `!` after such an assertion is fine.
    files: ['tests/**/*.ts', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  // shared/ is the contract: its own files, zod and cron-parser, nothing else.
  {
    files: ['shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\.|zod$|zod/|cron-parser$)',
              message: 'shared/ imports only zod, cron-parser and itself (DESIGN.md).',
            },
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'Not allowed in this layer (DESIGN.md).',
            },
          ],
        },
      ],
    },
  },
  layer(
    ['electron/core/**/*.ts'],
    [...nodeBuiltins, '**/adapters/**', '**/main/**', '**/headless/**', '**/renderer/**', 'react*'],
    ['electron', 'electron-store', 'conf', 'ws'],
  ),
  // The one exception: the library loads its zod-based validation on first need through
  // `require` (module loading, not the OS the ports stand for).
  layer(
    ['electron/core/library-validation-loader.ts'],
    [
      [...nodeBuiltins, '!node:module'],
      '**/adapters/**',
      '**/main/**',
      '**/headless/**',
      '**/renderer/**',
      'react*',
    ],
    ['electron', 'electron-store', 'conf', 'ws'],
  ),
  layer(
    ['electron/adapters/**/*.ts'],
    ['**/main/**', '**/headless/**', '**/renderer/**', 'react*'],
    ['electron', 'electron-store', 'ws'],
  ),
  layer(
    ['electron/headless/**/*.ts'],
    ['**/main/**', '**/renderer/**', 'react*'],
    ['electron', 'electron-store'],
  ),
  layer(['electron/main/**/*.ts'], ['**/renderer/**', 'react*']),
  // A sandboxed preload can load nothing but 'electron': the contract is all it may use.
  layer(
    ['electron/preload.ts'],
    [
      ...nodeBuiltins,
      '**/core/**',
      '**/adapters/**',
      '**/headless/**',
      ['**/main/**', '!**/main/ipc-channels.js'],
      '**/renderer/**',
      'react*',
    ],
  ),
  layer(
    ['renderer/**/*.{ts,tsx}'],
    [...nodeBuiltins, '**/electron/**'],
    ['electron', 'electron-store', 'conf', 'ws'],
  ),
);
