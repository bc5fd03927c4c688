// Layer boundaries (DESIGN.md "Boundaries, and what enforces them"). Each layer is named after the
// runtime it runs in; these rules refuse imports that would cross into another runtime.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ban = (patterns, message) => patterns.map((group) => ({ group: [group], message }));
const dynamicImportBan = (pattern, message) => ({
  selector: `ImportExpression[source.value=/${pattern}/]`,
  message,
});

const electron = ['electron', 'electron/*'];
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'url', 'util'];
const engineHeavy = ['@duckdb/*', '@tensorflow/*'];
const domOnly = ['svelte', 'svelte/*', 'chart.js', 'chart.js/*'];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
      'resources/**',
      '.cache/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
      globals: { ...globals.browser },
    },
  },
  // shared: zod and itself only.
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...ban(electron, 'shared runs everywhere: no electron'),
            ...ban(nodeBuiltins, 'shared runs everywhere: no Node built-ins'),
            ...ban(engineHeavy, 'shared must not pull in engine libraries'),
            ...ban(domOnly, 'shared must not depend on the renderer'),
            ...ban(
              ['**/engine/**', '**/backend/**', '**/cli/**', '**/main/**', '**/preload/**', '**/renderer/**'],
              'shared imports only itself',
            ),
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer'],
    },
  },
  // engine and cli: Node, shared, DuckDB, tfjs. Never electron or the renderer's libraries.
  {
    files: ['src/engine/**', 'src/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...ban(electron, 'the engine runs in plain Node: never import electron'),
            ...ban(domOnly, 'the engine has no DOM'),
            ...ban(
              ['**/backend/**', '**/main/**', '**/preload/**', '**/renderer/**'],
              'the engine does not know the app around it',
            ),
          ],
        },
      ],
      'no-restricted-syntax': ['error', dynamicImportBan('^electron', 'no electron in the engine')],
    },
  },
  {
    files: ['src/engine/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...ban(electron, 'the engine runs in plain Node: never import electron'),
            ...ban(domOnly, 'the engine has no DOM'),
            ...ban(
              ['**/cli/**', '**/backend/**', '**/main/**', '**/preload/**', '**/renderer/**'],
              'the engine does not know the app around it',
            ),
          ],
        },
      ],
    },
  },
  // backend: Node and shared; the engine only inside the host entry; never electron.
  {
    files: ['src/backend/**'],
    ignores: ['src/backend/hosts/engine.host.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...ban(electron, 'the back end runs in plain Node (web transport, tests): never import electron'),
            ...ban(engineHeavy, 'DuckDB and tfjs live in engine hosts, not in the back end'),
            ...ban(['**/engine/**'], 'only backend/hosts/engine.host.ts may import the engine'),
            ...ban(domOnly, 'the back end has no DOM'),
            ...ban(
              ['**/main/**', '**/preload/**', '**/renderer/**', '**/cli/**'],
              'the back end does not know its transports',
            ),
          ],
        },
      ],
      'no-restricted-syntax': ['error', dynamicImportBan('^electron|engine', 'no electron or engine in the back end')],
    },
  },
  {
    files: ['src/backend/hosts/engine.host.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...ban(electron, 'engine hosts run in plain Node')] }],
    },
  },
  // main: electron, Node, shared, backend; not the engine.
  {
    files: ['src/main/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...ban(engineHeavy, 'the main process never runs the engine'),
            ...ban(['**/engine/**', '**/renderer/**', '**/preload/**', '**/cli/**'], 'main wraps the back end only'),
            ...ban(domOnly, 'main has no DOM'),
          ],
        },
      ],
    },
  },
  // preload: contextBridge + ipcRenderer and the shared contract only.
  {
    files: ['src/preload/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              allowImportNames: ['contextBridge', 'ipcRenderer', 'webUtils'],
              message: 'preload may use contextBridge, ipcRenderer and webUtils (dropped-file paths) only',
            },
          ],
          patterns: [
            ...ban(nodeBuiltins, 'the sandboxed preload has no Node'),
            ...ban(engineHeavy, 'no engine in preload'),
            ...ban(
              [
                '**/engine/**',
                '**/backend/**',
                '**/main/**',
                '**/renderer/**',
                '**/cli/**',
                '**/shared/model/**',
                '**/shared/jobs*',
              ],
              'preload may import shared/ipc only',
            ),
          ],
        },
      ],
    },
  },
  // renderer: svelte, chart.js, shared; the outside world only through lib/bridge.ts.
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...ban(electron, 'the renderer reaches the app through lib/bridge.ts only'),
            ...ban(nodeBuiltins, 'the renderer has no Node'),
            ...ban(engineHeavy, 'the renderer never runs the engine'),
            ...ban(
              ['**/engine/**', '**/backend/**', '**/main/**', '**/preload/**', '**/cli/**'],
              'the renderer talks to the back end through lib/bridge.ts',
            ),
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='window'][property.name='modelwise']",
          message: 'only lib/bridge.ts touches window.modelwise',
        },
        dynamicImportBan('^electron|^node:', 'no electron or Node in the renderer'),
      ],
      'no-restricted-globals': ['error', 'process', 'require', 'Buffer', '__dirname'],
    },
  },
  {
    files: ['src/renderer/src/lib/bridge.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['tests/**', 'bench/**', 'scripts/**', '*.config.*'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
