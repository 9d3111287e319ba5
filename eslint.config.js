// Lint rules, including the layer rules: imports flow renderer → core, main → core, preload → core;
// core imports nothing platform-specific; only the desktop shell imports electron.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'url', 'util', 'stream', 'events', 'worker_threads'];

const restrict = (patterns) => ['error', { patterns }];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-restricted-imports': restrict([
        { group: ['electron'], message: 'Only the desktop shell (main/index.ts, main/electron/, preload/) may import electron.' },
      ]),
    },
  },
  {
    files: ['core/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': restrict([
        { group: ['electron', 'react', 'react-dom', 'react/*', 'react-dom/*', 'monaco-editor', 'monaco-editor/*', 'lowdb', 'lowdb/*', ...nodeBuiltins], message: 'core/ is pure TypeScript that runs in every process.' },
        { group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'core/ imports nothing from the other layers.' },
      ]),
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'fetch', 'localStorage', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['core/**/*.test.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': 'off', 'no-restricted-globals': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict([
        { group: ['**/main/**', '**/preload/**'], message: 'The renderer talks to main only through renderer/src/api/client.ts.' },
        { group: ['electron', 'lowdb', 'lowdb/*', ...nodeBuiltins], message: 'The renderer runs in a browser sandbox.' },
      ]),
    },
  },
  {
    // Features go through the api client; only renderer/src/api/ touches fetch and the bridge.
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/src/api/**'],
    rules: {
      'no-restricted-globals': ['error', { name: 'fetch', message: 'Use the api client (renderer/src/api/client.ts).' }, { name: 'EventSource', message: 'Use the api client.' }],
      'no-restricted-properties': ['error', { object: 'window', property: 'claimbench', message: 'Use the api client.' }],
    },
  },
  {
    files: ['main/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['electron'], message: 'Only main/index.ts and main/electron/ may import electron; everything else in main/ runs in plain Node.' },
        { group: ['**/renderer/**', '**/preload/**'], message: 'main/ does not import the renderer or the preload.' },
        { group: ['lowdb', 'lowdb/*'], message: 'Only main/store/ imports lowdb.' },
      ]),
    },
  },
  {
    files: ['main/store/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['electron'], message: 'The store runs in plain Node.' },
        { group: ['**/renderer/**', '**/preload/**'], message: 'main/ does not import the renderer or the preload.' },
      ]),
    },
  },
  {
    files: ['main/index.ts', 'main/electron/**/*.ts', 'preload/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['**/renderer/**'], message: 'The shell does not import the renderer.' },
        { group: ['lowdb', 'lowdb/*'], message: 'Only main/store/ imports lowdb.' },
      ]),
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['**/main/**', '**/renderer/**'], message: 'The preload imports only electron and core/.' },
      ]),
    },
  },
);
