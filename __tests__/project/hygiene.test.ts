// The suite's own hygiene check (support/environment.mjs, global-setup.mjs,
// global-teardown.mjs, results-processor.mjs), proved by running jest with
// this project's configuration on fixture files that break the rules
// (hygiene-fixtures/): each breach fails its file, names the file and what it
// left, and counts in jest's result and in CI's closing line.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { PROJECT_ROOT, defang, productionPrefixes, workflowCommandLines } from '../support/hygiene.mjs'
import { scratchDir } from '../support/scratch.js'

interface FileResult {
  name: string
  status: string
  message: string
}
interface JestResult {
  numPassedTests: number
  numFailedTests: number
  numRuntimeErrorTestSuites: number
  numTotalTestSuites: number
  success: boolean
  testResults: FileResult[]
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: PROJECT_ROOT, env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}\n${stderr}` })
    )
  })
}

describe('workflow command lines', () => {
  it('are the lines a runner obeys: at the start, after blanks, and the old ##[ form anywhere in a line', () => {
    const text = [
      '::add-mask::x',
      '   ::error file=a.md,line=2::broken',
      '##[set-output name=a;]b',
      'plain text with ::double colons::',
      'C++::namespace',
      'a name in a line: docs/x ##[add-mask]y.md'
    ].join('\n')
    expect(workflowCommandLines(text)).toEqual([
      '::add-mask::x',
      '   ::error file=a.md,line=2::broken',
      '##[set-output name=a;]b',
      'a name in a line: docs/x ##[add-mask]y.md'
    ])
    expect(workflowCommandLines(defang(text))).toEqual([])
    expect(defang('::add-mask::x')).toBe('[workflow command caught by the test guard] ::add-mask::x')
  })

  it('a leftover named as src/ names its folders is traced to the code under test', () => {
    expect(productionPrefixes().get('graft-index')).toEqual(
      expect.arrayContaining(['src/core/pack/source-diff.ts', 'src/core/publish/commit.ts'])
    )
  })
})

describe('a jest run over files that break the rules', () => {
  let result: JestResult
  let output: string
  let code: number
  let summary: { code: number; output: string }
  const byFile = (name: string): FileResult => {
    const found = result.testResults.find((r) => r.name.endsWith(name))
    if (!found) throw new Error(`no result for ${name}: ${result.testResults.map((r) => r.name).join(', ')}`)
    return found
  }

  beforeAll(async () => {
    const dir = scratchDir('graft-hygiene-run')
    const home = join(dir, 'home')
    mkdirSync(home)
    // this project's configuration, its unit project pointed at the fixtures
    const config = join(dir, 'jest.config.mjs')
    writeFileSync(
      config,
      `import config from ${JSON.stringify(pathToFileURL(join(PROJECT_ROOT, 'jest.config.js')).href)}\n` +
        `const unit = config.projects.find((p) => p.displayName === 'unit')\n` +
        `export default { ...config, projects: [{ ...unit, cacheDirectory: ${JSON.stringify(join(dir, 'cache'))},\n` +
        `  testMatch: ['<rootDir>/__tests__/project/hygiene-fixtures/*.fixture.ts'] }] }\n`
    )
    const resultFile = join(dir, 'result.json')
    ;({ code, output } = await run(
      process.execPath,
      [
        join(PROJECT_ROOT, 'node_modules/jest/bin/jest.js'),
        '--config',
        config,
        '--json',
        '--outputFile',
        resultFile,
        '--maxWorkers=2'
      ],
      { ...process.env, HOME: home, NODE_OPTIONS: '--experimental-vm-modules', GRAFT_TEST_PROJECTS: 'unit' }
    ))
    result = JSON.parse(readFileSync(resultFile, 'utf8')) as JestResult
    summary = await run(process.execPath, [join(PROJECT_ROOT, 'scripts/ci-summary.mjs'), resultFile], process.env)
  }, 120_000)

  it('a file that keeps to the rules passes: helper folders go, captured commands stay captured', () => {
    expect(byFile('clean.fixture.ts')).toMatchObject({ status: 'passed' })
  })

  it('a file that leaves folders fails, naming the file, each path, and the code under test by its prefix', () => {
    const leaks = byFile('leaks.fixture.ts')
    expect(leaks.status).toBe('failed')
    expect(leaks.message).toContain('__tests__/project/hygiene-fixtures/leaks.fixture.ts left 2 entries')
    expect(leaks.message).toMatch(
      /project_hygiene-fixtures_leaks\.fixture\.ts-\w{6}\/forgotten-\w{6} \(folder: inside\)/
    )
    expect(leaks.message).toMatch(
      /graft-index-Ab12Cd \(empty folder\) ← made by the code under test \(src\/core\/pack\/source-diff\.ts, src\/core\/publish\/commit\.ts\)/
    )
    expect(leaks.message).toContain('scratchDir()')
  })

  it('a file that lets workflow commands reach the output fails, naming them, and they are printed inert', () => {
    const prints = byFile('prints.fixture.ts')
    expect(prints.status).toBe('failed')
    expect(prints.message).toContain('prints.fixture.ts let 2 workflow command(s) reach')
    expect(prints.message).toContain('stdout: ::add-mask::hunter2')
    expect(prints.message).toContain('console.log: ::error file=a.md::broken')
    expect(prints.message).toContain('captureOutput()')
    expect(output).toContain('[workflow command caught by the test guard] ::add-mask::hunter2')
    expect(output).toContain('[workflow command caught by the test guard] ::warning::quoted in a failure')
    expect(workflowCommandLines(output)).toEqual([])
  })

  it("what escapes a file's own folder fails the run at its teardown, and counts in the result", () => {
    expect(output).toContain('The test run did not leave the machine as it found it.')
    expect(output).toMatch(/graft-jest-run-\w{6}\/stray-file/)
    expect(output).toMatch(/home\/\.cache\/graft-action \(created during the run\)/)
    const teardown = byFile('global-teardown.mjs')
    expect(teardown.status).toBe('failed')
    expect(teardown.message).toContain('stray-file')
    expect(byFile('stray.fixture.ts').status).toBe('passed')
  })

  it("jest fails, and CI's closing line counts each breach as a failure", () => {
    expect(code).toBe(1)
    expect(result.success).toBe(false)
    expect(result.numTotalTestSuites).toBe(5)
    // leaks, prints, the teardown; and the failing test of prints
    expect(result.numRuntimeErrorTestSuites).toBe(3)
    expect(result.numFailedTests).toBe(1)
    expect(summary.output.trim()).toBe(`${result.numPassedTests} passed, 4 failed`)
    expect(summary.code).toBe(1)
  })

  it("the run's own temporary directory is gone", () => {
    expect(readdirSync(tmpdir()).filter((name) => name.startsWith('graft-jest-run-'))).toEqual([])
  })
})
