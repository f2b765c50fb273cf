// The terminal adapter, run from its bundle as a user would: help for every
// command, verdicts as text and JSON, non-zero exits on errors.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { BUNDLE_NODE, PROJECT_ROOT } from '../support/action-runner.js'
import { exampleRepo } from '../support/example-repo.js'
import type { TestRepo } from '../support/repo.js'

interface CliRun {
  code: number
  stdout: string
  stderr: string
}

function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      BUNDLE_NODE,
      [join(PROJECT_ROOT, 'dist/cli/index.js'), ...args],
      { env: { ...process.env, ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    )
  })
}

describe('graft-action CLI', () => {
  let repo: TestRepo
  beforeEach(() => {
    repo = exampleRepo()
  })
  afterEach(() => repo.cleanup())

  it.each([['validate'], ['generate'], ['pack']])('%s --help prints its usage', async (command) => {
    const run = await cli([command, '--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(`Usage: graft-action ${command}`)
  })

  it('with no command prints the command list on stderr and exits 2 (a usage error); an unknown command exits 2', async () => {
    const none = await cli([])
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('validate')
    expect(none.stderr).toContain('generate')
    expect(none.stderr).toContain('pack')
    expect((await cli(['frobnicate'])).code).toBe(2)
  })

  it('validate --json gives the same verdicts as the action', async () => {
    repo.write({ 'sources/changelog.md': 'changed\n' })
    const run = await cli(['validate', '--engine', 'native', '--json', '-C', repo.root])
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout)
    expect(report.is_stale).toBe(true)
    expect(report.stale_files).toEqual(['docs/release-notes.md', 'docs/faq.md', 'docs/index.md'])
    expect(report.stale[0].reasons[0].text).toBe('dep sources/changelog.md modified')
  })

  it('validate with targets: --downstream include (the default) takes what reads them; report names what is stale outside them', async () => {
    repo.write({ 'sources/changelog.md': 'changed\n' })
    const include = await cli(['validate', '--engine', 'native', '--json', '-C', repo.root, 'docs/release-notes.md'])
    expect(include.code).toBe(0)
    expect(JSON.parse(include.stdout).stale_files).toEqual(['docs/release-notes.md', 'docs/faq.md', 'docs/index.md'])
    expect(JSON.parse(include.stdout).left_stale).toEqual([])
    const report = await cli([
      'validate',
      '--engine',
      'native',
      '--downstream',
      'report',
      '-C',
      repo.root,
      'docs/release-notes.md'
    ])
    expect(report.code).toBe(0)
    expect(report.stdout).toContain(
      '2 document(s) outside the targets are stale:\n  docs/faq.md  (stale before the run, outside the targets: '
    )
    expect(report.stdout).toContain('Run without targets, or with --downstream include')
  })

  it('--downstream with another value is a usage error (exit 2) naming the option, before any work', async () => {
    const run = await cli(['generate', '--downstream', 'all', '-C', repo.root, 'docs/faq.md'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('--downstream must be include or report, not "all"')
    expect(repo.git('status', '--porcelain')).toBe('')
  })

  it('validate --fail-on-stale exits 1 when stale; text output names the reasons', async () => {
    repo.write({ 'sources/changelog.md': 'changed\n' })
    const run = await cli(['validate', '--engine', 'native', '--fail-on-stale', '-C', repo.root])
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('docs/release-notes.md  [release_notes]')
    expect(run.stdout).toContain('- dep sources/changelog.md modified')
  })

  it('an error names the file and line, exits 1, and changes nothing', async () => {
    repo.write({ 'docs/faq.prompt.md': '---\ndeps: nope\n---\nbody\n' })
    const before = repo.snapshot()
    const run = await cli(['validate', '-C', repo.root, '--engine', 'native'])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^error: docs\/faq\.prompt\.md:2: /m)
    expect(repo.snapshot()).toEqual(before)
  })

  it('generate --dry-run prints each directive and packed-prompt size once and needs no credentials', async () => {
    repo.write({ 'sources/api.md': repo.read('sources/api.md') + '- `queue.cancel(id)`\n' })
    repo.commit('api')
    const before = repo.snapshot()
    const run = await cli(['generate', '--dry-run', '--engine', 'native', '-C', repo.root], {
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_EC2_METADATA_DISABLED: 'true'
    })
    expect(run.code).toBe(0)
    const both = run.stdout + run.stderr
    expect(both.match(/docs\/overview\.md: UPDATE \(.*\); packed prompt \d+ characters/g)).toHaveLength(1)
    // downstream documents would see their upstream's new text: not MAINTAIN
    expect(both.match(/docs\/index\.md: UPDATE \(/g)).toHaveLength(1)
    expect(both).not.toMatch(/Generating \d+ document/)
    expect(run.stderr).toContain('Dry run: planning 5 document(s); no model is called and nothing is written')
    // the budget's estimate is still made, and printed, before any model call
    expect(run.stderr).toMatch(/Input estimate before any model call: \d+ tokens for 5 document\(s\) to render/)
    expect(run.stdout).toMatch(
      /^Dry run: 5 document\(s\) planned \(5 UPDATE\); no model was called and nothing was written\.\nExpected cost: at most \$\d+\.\d\d \(input as estimated, each reply at its max_tokens\)\n$/
    )
    expect(repo.snapshot()).toEqual(before)
  })

  it('pack shows what generate --dry-run plans for a document stale only through an upstream (one planning function)', async () => {
    repo.write({ 'sources/api.md': repo.read('sources/api.md') + '- `queue.cancel(id)`\n' })
    repo.commit('api')
    const dry = await cli(['generate', '--dry-run', '--engine', 'native', '-C', repo.root])
    const planned = /docs\/index\.md: (\w+ \([^)]*\))/.exec(dry.stderr)?.[1]
    expect(planned).toMatch(/^UPDATE /)
    const before = repo.snapshot()
    const pack = await cli(['pack', 'docs/index.md', '-C', repo.root])
    expect(pack.code).toBe(0)
    expect(pack.stdout.split('\n')[0]).toBe(`# docs/index.md: ${planned}`)
    expect(pack.stdout).toContain('- Source files: CHANGED')
    expect(pack.stdout).toContain(
      '--- a/docs/getting-started.md\n+++ b/docs/getting-started.md\n@@ REGENERATED IN THIS RUN @@\n'
    )
    expect(pack.stdout).not.toContain('MAINTAIN (')
    expect(repo.snapshot()).toEqual(before)
  })

  it('pack of an up-to-date document says generate sends it only when forced', async () => {
    const pack = await cli(['pack', 'docs/faq.md', '-C', repo.root])
    expect(pack.code).toBe(0)
    expect(pack.stdout.split('\n')[0]).toBe(
      '# docs/faq.md: REFRESH (forced: rewrite from the current sources and instructions) — up to date: generate sends this only with --force'
    )
  })

  it('pack prints the directive and the packed prompt in Graft layout', async () => {
    repo.write({ 'sources/changelog.md': repo.read('sources/changelog.md') + '\n## 2.4.0\n- cancel\n' })
    repo.commit('changelog')
    const run = await cli(['pack', 'docs/release-notes.md', '-C', repo.root])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^# docs\/release-notes\.md: UPDATE/)
    const order = [
      'SYSTEM:',
      'CHANGE ANALYSIS:',
      'USER:',
      '---BEGIN PREVIOUS DRAFT---',
      '---BEGIN SOURCE DIFF---',
      '---BEGIN INSTRUCTIONS---'
    ]
    const at = order.map((marker) => run.stdout.indexOf(marker))
    expect(at.every((i) => i >= 0)).toBe(true)
    expect([...at].sort((a, b) => a - b)).toEqual(at)
    expect(run.stdout).toContain('+## 2.4.0')
  })

  it('explains engine none wherever it prints it', async () => {
    repo.remove('dvc.yaml').remove('dvc.lock')
    const run = await cli(['validate', '--engine', 'native', '-C', repo.root])
    expect(run.stdout).toContain(
      '(engine none (no dvc.yaml yet: no status was checked; every prompt is new and its document stale))'
    )
    expect(run.stderr).toMatch(/^engine none \(no dvc\.yaml yet/m)
  })

  it('pack of something that is not a document fails clearly', async () => {
    const run = await cli(['pack', 'docs/nope.md', '-C', repo.root])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('target "docs/nope.md" names no stage and no output')
  })
})

describe('npm run demo', () => {
  it('runs on the sample repository with no credentials', async () => {
    const run = await new Promise<CliRun>((resolve) =>
      execFile(
        BUNDLE_NODE,
        [join(PROJECT_ROOT, 'scripts/demo.mjs')],
        { env: { ...process.env, AWS_ACCESS_KEY_ID: '' } },
        (error, stdout, stderr) => resolve({ code: error ? 1 : 0, stdout, stderr })
      )
    )
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('All 6 document(s) are up to date')
    expect(run.stdout).toContain('5 stale document(s)')
    expect(run.stdout).toMatch(/Dry run: 5 document\(s\) planned \(5 UPDATE\); no model was called/)
    // it says where its repository stays, and that path exists
    const kept = /The demo repository stays at (\S+) /.exec(run.stdout)?.[1]
    expect(kept).toBeDefined()
    expect(existsSync(join(kept!, 'dvc.yaml'))).toBe(true)
    rmSync(kept!, { recursive: true, force: true })
  })
})
