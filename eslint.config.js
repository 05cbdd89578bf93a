// ESLint flat config: typescript-eslint recommended, React hooks rules for the renderer, and the
// process/layer boundaries from ARCHITECTURE.md enforced with `no-restricted-imports`.
import { defineConfig, globalIgnores } from 'eslint/config'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import { builtinModules } from 'node:module'
import tseslint from 'typescript-eslint'

const NODE_BUILTINS = {
  paths: builtinModules.filter((m) => !m.startsWith('_')).map((name) => ({ name, message: 'Node 内置模块只属于主进程（src/main）。' })),
  patterns: [{ group: ['node:*'], message: 'Node 内置模块只属于主进程（src/main）。' }]
}
const ELECTRON = {
  paths: [{ name: 'electron', message: "只有 src/main/index.ts、window.ts、ipc.ts、print.ts（和 preload）可以导入 'electron'；核心代码保持纯 Node。" }],
  patterns: [{ group: ['electron/*'], message: "只有 src/main/index.ts、window.ts、ipc.ts、print.ts（和 preload）可以导入 'electron'。" }]
}
/** Relative or rooted imports that reach into a folder, e.g. `../../main/core/api` or `../../../db/schema`. */
const folder = (name) => `^(?:(?:\\.\\./)+(?:src/)?|(?:\\./)?src/)${name}(?:/|$)`
const MAIN = { patterns: [{ regex: folder('main'), message: '渲染进程/共享代码不得导入主进程代码（src/main）：通过 contract 调用。' }] }
const DB = {
  paths: [{ name: 'better-sqlite3', message: '数据库只属于主进程核心（src/main/core）。' }],
  patterns: [{ regex: folder('db'), message: '数据库 schema（db/）只属于主进程核心（src/main/core）。' }]
}
const RENDERER = { patterns: [{ regex: folder('renderer'), message: '主进程不得导入渲染进程代码。' }] }
const UI = {
  paths: ['react', 'react-dom', 'antd'].map((name) => ({ name, message: 'src/shared 不含界面代码。' })),
  patterns: [{ group: ['react/*', 'react-dom/*', 'antd/*', '@ant-design/*'], message: 'src/shared 不含界面代码。' }]
}

/**
 * tools/ (demo data, the portal simulator, benchmarks) never ships: src/ and server/src/ do not import it.
 * Tests and test helpers (`*.test.ts`, `testing/`, `testing.ts`) may; the desk's core thread (host/desk-worker.ts) and the service's entry load the demo
 * with a dynamic import() only when `--demo` is given (so it stays out of the production bundle).
 */
const TOOLS_SOURCE = '/^(?:\\.\\.\\/)+tools(?:\\/|$)|^@casedesk\\/tools(?:\\/|$)/'
const TOOLS_STATIC = ['ImportDeclaration', 'ExportNamedDeclaration', 'ExportAllDeclaration'].map((node) => ({
  selector: `${node}[source.value=${TOOLS_SOURCE}]`,
  message: 'tools/（演示数据、门户模拟程序、基准测试）不随产品发布：src/ 与 server/src/ 不得静态导入；入口文件只在 --demo 时用 import() 载入。'
}))
const TOOLS_DYNAMIC = {
  selector: `ImportExpression[source.value=${TOOLS_SOURCE}]`,
  message: '只有 src/main/host/desk-worker.ts（桌面端核心线程）和 server/src/main.ts 可以在 --demo 时用 import() 载入 tools/。'
}
const TOOLS_ENTRY_FILES = ['src/main/host/desk-worker.ts', 'server/src/main.ts']
const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx', '**/testing/**', '**/testing.ts']

/** One `no-restricted-imports` setting per file group (a later config object replaces, not merges, the rule). */
const restrict = (...sets) => [
  'error',
  { paths: sets.flatMap((s) => s.paths ?? []), patterns: sets.flatMap((s) => s.patterns ?? []) }
]

const ELECTRON_FILES = ['src/main/index.ts', 'src/main/window.ts', 'src/main/ipc.ts', 'src/main/print.ts']

export default defineConfig([
  globalIgnores([
    'out/',
    'dist/',
    'node_modules/',
    'db/migrations/',
    'test-results/',
    'e2e-artifacts/',
    'playwright-report/',
    '.data/',
    'coverage/'
  ]),
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }]
    }
  },
  // Renderer: browser globals, React hooks rules; never main, db, electron or Node.
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      'no-restricted-imports': restrict(ELECTRON, NODE_BUILTINS, MAIN, DB)
    }
  },
  // Shared: runs everywhere — nothing platform-specific, no UI, no main, no db.
  {
    files: ['src/shared/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: { 'no-restricted-imports': restrict(ELECTRON, NODE_BUILTINS, UI, MAIN, DB) }
  },
  // Node-only code both the desk's main process and the exchange service use (password hashing): no
  // Electron, no UI, no desk core (src/main), no database schema.
  {
    files: ['src/shared-node/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(ELECTRON, UI, MAIN, DB, RENDERER) }
  },
  // Preload: sandboxed, so only 'electron' and the shared contract.
  {
    files: ['src/preload/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': restrict(NODE_BUILTINS, UI, MAIN, DB, RENDERER) }
  },
  // Main process and everything else that runs on Node: no 'electron' except the three shell files.
  {
    files: ['src/main/**/*.ts', 'server/**/*.ts', 'tools/**/*.ts', 'scripts/**/*.{ts,js,mjs}', 'e2e/**/*.ts', 'tests/**/*.ts', 'db/**/*.ts'],
    ignores: ELECTRON_FILES,
    rules: { 'no-restricted-imports': restrict(ELECTRON, RENDERER) }
  },
  {
    files: ELECTRON_FILES,
    rules: { 'no-restricted-imports': restrict(RENDERER) }
  },
  // Product code never reaches into tools/ (see TOOLS_SOURCE); the entry points only through import().
  {
    files: ['src/**/*.{ts,tsx}', 'server/src/**/*.ts'],
    ignores: [...TEST_FILES, ...TOOLS_ENTRY_FILES],
    rules: { 'no-restricted-syntax': ['error', ...TOOLS_STATIC, TOOLS_DYNAMIC] }
  },
  {
    files: TOOLS_ENTRY_FILES,
    rules: { 'no-restricted-syntax': ['error', ...TOOLS_STATIC] }
  }
])
