// Jest in ESM mode (see the toolchain notes): ts-jest transforms TypeScript,
// ts-jest-resolver maps the `.js` import suffixes NodeNext requires.
//
// Three projects, split by what a suite needs (npm run test:unit | test:e2e | test:dvc,
// which set GRAFT_TEST_PROJECTS; jest's --selectProjects would swallow the test
// paths given after it, so `npm run test:unit -- some/path` could not work):
// - e2e:  suites under __tests__/e2e/ and those that read the bundles (they
//         import support/action-runner's PROJECT_ROOT and name dist/): the
//         bundles are rebuilt first when src/ changed since they were built, and
//         DVC is put on PATH.
// - dvc:  suites that run the real DVC (they import support/real-dvc or
//         support/graft-repo, or call the dvc engine): DVC is put on PATH.
// - unit: everything else — no bundle, no DVC, seconds.
// - act:  __tests__/act/, the example workflows in a GitHub Actions runtime
//         (nektos/act, which .ci/run installs into .tools/bin): fresh bundles
//         and DVC as for e2e. Only when selected (npm run test:act), since it
//         needs act; npm test runs the other three.
// A suite's project follows from its imports, so a moved or new test file
// lands in the right one without editing this list.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('.', import.meta.url))

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'support' || entry.name === 'node_modules' ? [] : testFiles(path)
    return entry.name.endsWith('.test.ts') ? [path] : []
  })
}

const E2E = /(^|\/)e2e\//
const ACT = /(^|\/)act\//
const READS_BUNDLES = /['"`]dist['"`/]/
const RUNS_DVC = /(real-dvc|graft-repo|status\/dvc|dvc-setup)\.js|\brequireDvc\b/

export function projectOf(file, text) {
  const rel = relative(root, file).split('\\').join('/')
  if (ACT.test(rel)) return 'act'
  if (E2E.test(rel) || READS_BUNDLES.test(text)) return 'e2e'
  if (RUNS_DVC.test(text)) return 'dvc'
  return 'unit'
}

const byProject = { unit: [], e2e: [], dvc: [], act: [] }
for (const file of testFiles(join(root, '__tests__'))) byProject[projectOf(file, readFileSync(file, 'utf8'))].push(file)

const common = {
  preset: 'ts-jest/presets/default-esm',
  resolver: 'ts-jest-resolver',
  extensionsToTreatAsEsm: ['.ts'],
  rootDir: root,
  roots: ['<rootDir>/__tests__'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }]
  },
  testPathIgnorePatterns: ['/node_modules/', '/__tests__/support/'],
  // Each test file in its own temporary directory, checked when it ends: what
  // it left there, and workflow commands that reached jest's output, fail it.
  testEnvironment: '<rootDir>/__tests__/support/environment.mjs',
  // One style of jest globals: every test imports what it uses from '@jest/globals'
  // (injectGlobals: false fails a test that relies on globals at once, and
  // tsconfig.json leaves out jest's global types, so typecheck fails it first).
  injectGlobals: false
}

/** Exact paths; a project with no suite matches nothing (an empty list would mean "the default globs"). */
const only = (files) => (files.length > 0 ? files : ['<rootDir>/__tests__/none-in-this-project'])

const projects = [
  { ...common, displayName: 'unit', testMatch: only(byProject.unit) },
  {
    ...common,
    displayName: 'dvc',
    testMatch: only(byProject.dvc),
    globalSetup: '<rootDir>/__tests__/support/dvc-on-path.mjs'
  },
  {
    ...common,
    displayName: 'e2e',
    testMatch: only(byProject.e2e),
    globalSetup: '<rootDir>/__tests__/support/e2e-setup.mjs'
  },
  {
    ...common,
    displayName: 'act',
    testMatch: only(byProject.act),
    globalSetup: '<rootDir>/__tests__/support/e2e-setup.mjs'
  }
]
const selected = (process.env.GRAFT_TEST_PROJECTS ?? '').split(',').filter(Boolean)
for (const name of selected) {
  if (!projects.some((p) => p.displayName === name))
    throw new Error(`GRAFT_TEST_PROJECTS: no jest project "${name}" (unit, dvc, e2e, act)`)
}

const chosen =
  selected.length > 0
    ? projects.filter((p) => selected.includes(p.displayName))
    : projects.filter((p) => p.displayName !== 'act')
/** Per-test limit. Jest reads testTimeout from the global config only (a project's own is ignored): the longest chosen. */
const TIMEOUT_MS = { unit: 60000, dvc: 60000, e2e: 60000, act: 180000 }

export default {
  maxWorkers: 2,
  // The run's temporary directory (TMPDIR for every worker and subprocess): the
  // teardown fails the run, naming what is left in it or in the places outside
  // it the code writes to; the results processor counts that failure in the
  // exit code and the --json result.
  globalSetup: join(root, '__tests__/support/global-setup.mjs'),
  globalTeardown: join(root, '__tests__/support/global-teardown.mjs'),
  testResultsProcessor: join(root, '__tests__/support/results-processor.mjs'),
  testTimeout: Math.max(...chosen.map((p) => TIMEOUT_MS[p.displayName])),
  collectCoverageFrom: ['<rootDir>/src/**/*.ts'],
  coverageReporters: ['text-summary', 'lcov'],
  projects: chosen
}
