// Lint rules, including the layer rules: imports flow renderer → core, main → core, preload → core;
// core imports nothing platform-specific; only the desktop shell imports electron.
import js from '@eslint/js';
import electronSecurity from 'eslint-plugin-electron-security';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'http',
  'https',
  'net',
  'crypto',
  'url',
  'util',
  'stream',
  'events',
  'worker_threads',
];

const restrict = (patterns) => ['error', { patterns }];

// Inside main/, imports flow one way, tier by tier: a folder may import its own tier and those
// before it, never one after it. (Tests are exempt: they drive the whole stack.)
const MAIN_TIERS = [
  ['store', 'workspace', 'team'],
  ['import', 'bundle', 'export', 'search', 'archive'],
  ['workbench'],
  ['rpc', 'web', 'cli', 'desktop', 'electron'],
];
const mainBase = [{ group: ['**/renderer/**', '**/preload/**'], message: 'main/ does not import the renderer or the preload.' }];
const mainTierBlocks = MAIN_TIERS.flatMap((tier, index) =>
  tier.map((folder) => {
    const later = MAIN_TIERS.slice(index + 1).flat();
    const own = [
      ...mainBase,
      ...(folder === 'electron'
        ? []
        : [
            {
              group: ['electron'],
              message: 'Only main/index.ts and main/electron/ may import electron; everything else in main/ runs in plain Node.',
            },
          ]),
      ...(folder === 'store' ? [] : [{ group: ['lowdb', 'lowdb/*'], message: 'Only main/store/ imports lowdb.' }]),
    ];
    if (later.length === 0)
      return { files: [`main/${folder}/**/*.ts`], ignores: ['main/**/*.test.ts'], rules: { 'no-restricted-imports': restrict(own) } };
    const groups = later.flatMap((name) => [`../${name}/**`, `../../${name}/**`, `**/main/${name}/**`]);
    return {
      files: [`main/${folder}/**/*.ts`],
      ignores: ['main/**/*.test.ts'],
      rules: {
        'no-restricted-imports': restrict([
          ...own,
          {
            group: groups,
            message: `main/${folder}/ may not import ${later.map((name) => `main/${name}/`).join(', ')}: inside main/ imports flow store ← import, bundle, export ← workbench ← rpc, web, cli, electron.`,
          },
        ]),
      },
    };
  }),
);

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
        {
          group: [
            'electron',
            'react',
            'react-dom',
            'react/*',
            'react-dom/*',
            'monaco-editor',
            'monaco-editor/*',
            'lowdb',
            'lowdb/*',
            ...nodeBuiltins,
          ],
          message: 'core/ is pure TypeScript that runs in every process.',
        },
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
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'Use the api client (renderer/src/api/client.ts).' },
        { name: 'EventSource', message: 'Use the api client.' },
      ],
      'no-restricted-properties': ['error', { object: 'window', property: 'claimbench', message: 'Use the api client.' }],
    },
  },
  {
    files: ['main/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['electron'],
          message: 'Only main/index.ts and main/electron/ may import electron; everything else in main/ runs in plain Node.',
        },
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
  ...mainTierBlocks,
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
  {
    // Electron's security checklist as lint rules, on the code that talks to Electron: the plugin's
    // strict set (its inferred rules as errors too), plus no-raw-electron-api-exposure, which the
    // plugin ships only in its type-checked preset although it reads syntax alone. Proven to fire by
    // tests/unit/electron-security-lint.test.ts.
    files: ['main/**/*.ts', 'preload/**/*.ts'],
    plugins: { 'electron-security': electronSecurity },
    rules: {
      ...electronSecurity.configs.strict.rules,
      'electron-security/no-raw-electron-api-exposure': 'error',
      // The one URL check that lets a link out (main/desktop/url-policy.ts).
      'electron-security/no-open-external-with-dynamic-url': ['error', { urlValidators: ['safeExternalUrl'] }],
      // One door each: windows through createSecureWindow, IPC handlers through registerIpc (which
      // checks the sender frame), the system browser through openInSystemBrowser, app: through serveRenderer.
      'electron-security/require-factory': [
        'error',
        {
          factories: [
            { api: 'BrowserWindow', use: 'createSecureWindow (main/desktop/secure-window.ts)', allowIn: [] },
            { api: 'BrowserView', use: 'createSecureWindow (main/desktop/secure-window.ts)', allowIn: [] },
            { api: 'WebContentsView', use: 'createSecureWindow (main/desktop/secure-window.ts)', allowIn: [] },
            { api: 'ipcMain.handle', use: 'registerIpc (main/rpc/ipc-registration.ts)', allowIn: [] },
            { api: 'ipcMain.handleOnce', use: 'registerIpc (main/rpc/ipc-registration.ts)', allowIn: [] },
            { api: 'ipcMain.on', use: 'registerIpc (main/rpc/ipc-registration.ts)', allowIn: [] },
            { api: 'ipcMain.once', use: 'registerIpc (main/rpc/ipc-registration.ts)', allowIn: [] },
            { api: 'shell.openExternal', use: 'openInSystemBrowser', allowIn: ['main/electron/app.ts'] },
            { api: 'protocol.handle', use: 'serveRenderer', allowIn: ['main/electron/protocol.ts'] },
          ],
        },
      ],
    },
  },
);
