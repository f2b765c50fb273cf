// Lint rules that keep the house: the core never imports an adapter or
// @actions/*, there are no import cycles, and type-only imports say so.
import tseslint from 'typescript-eslint'
import importX from 'eslint-plugin-import-x'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'

// The core's layers, lowest first: a layer imports only the ones before it.
// The files at src/core/ itself (errors, types, log, defaults, settings, …) are the ground all stand on.
const CORE_LAYERS = [
  'repo',
  'yaml',
  'io',
  'graft',
  'dvc',
  'pipeline',
  'status',
  'validate',
  'render',
  'pack',
  'publish',
  'generate'
]
const layerZones = [
  {
    target: './src/core/*.ts',
    from: CORE_LAYERS.map((layer) => `./src/core/${layer}/**`),
    message: 'the files at src/core/ are the ground every layer stands on: they import no layer'
  },
  ...CORE_LAYERS.slice(0, -1).map((layer, i) => ({
    target: `./src/core/${layer}/**`,
    from: CORE_LAYERS.slice(i + 1).map((higher) => `./src/core/${higher}/**`),
    message: `${layer}/ is below ${CORE_LAYERS.slice(i + 1).join(', ')} (docs/development.md): move what both need down`
  }))
]

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.venv-dvc/**', '.tools/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver()]
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'import-x/no-cycle': 'error',
      'import-x/no-unresolved': 'error'
    }
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@actions/*'], message: 'the core knows nothing of GitHub: take what you need as a parameter' },
            { group: ['**/action/**', '**/cli/**'], message: 'the core never imports an adapter (src/action, src/cli)' }
          ]
        }
      ]
    }
  },
  {
    // A worker thread's own file (ncc copies it beside the bundle): CommonJS with node's modules only.
    files: ['src/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  {
    files: ['src/action/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/cli/**'], message: 'adapters do not import each other' }] }
      ]
    }
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@actions/*', '**/action/**'], message: 'the CLI does not import the GitHub adapter' }] }
      ]
    }
  }
)
