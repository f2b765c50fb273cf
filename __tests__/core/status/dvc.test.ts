// Engine "dvc": the real `dvc status --json`, run in Graft repositories that
// have no `.dvc/` (a fresh clone) or a user's own `.dvc/`. Nothing may be left
// behind in the working tree; every DVC failure becomes a GraftError that says
// which file and what to do.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync, spawn } from 'node:child_process'
import { chmodSync, existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { GraftError } from '../../../src/core/errors.js'
import { dvcStatus, dvcVersion, parseDvcStatusJson } from '../../../src/core/status/dvc.js'
import type { PipelineStatus } from '../../../src/core/types.js'
import { buildGraftRepo, copyRepo, requireDvc } from '../../support/graft-repo.js'
import type { TestRepo } from '../../support/repo.js'
import { scratchDir } from '../../support/scratch.js'

const dvcPath = requireDvc()

const spec = {
  sources: { 'docs/src/a.md': 'alpha\n', 'docs/src/b.md': 'beta\n' },
  prompts: [
    { path: 'docs/overview.prompt.md', deps: ['docs/src/a.md', 'docs/src/b.md'], body: 'Summarise.\n' },
    { path: 'docs/deep-dive.prompt.md', deps: ['docs/overview.md'], body: 'Go deeper.\n' }
  ]
}

let base: TestRepo
let repo: TestRepo
beforeAll(() => {
  base = buildGraftRepo(spec)
})
afterAll(() => base.cleanup())
beforeEach(() => {
  repo = copyRepo(base)
})
afterEach(() => repo.cleanup())

function asObject(status: PipelineStatus): Record<string, unknown> {
  return Object.fromEntries(status)
}

async function expectGraftError(promise: Promise<unknown>): Promise<GraftError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(GraftError)
  return error as GraftError
}

describe('dvcStatus in a fresh clone (no .dvc/)', () => {
  it('reports a clean pipeline as empty and leaves no file behind, not even in TMPDIR', async () => {
    const before = repo.snapshot()
    const porcelain = repo.git('status', '--porcelain', '--ignored')
    const scratchTmp = scratchDir('graft-tmpdir')
    const savedTmp = process.env.TMPDIR
    process.env.TMPDIR = scratchTmp
    try {
      const status = await dvcStatus(repo.root, { dvcPath })
      expect(status.size).toBe(0)
    } finally {
      process.env.TMPDIR = savedTmp
    }
    expect(existsSync(repo.path('.dvc'))).toBe(false)
    expect(repo.snapshot()).toEqual(before)
    expect(repo.git('status', '--porcelain', '--ignored')).toBe(porcelain)
    expect(readdirSync(scratchTmp)).toEqual([]) // the site cache went too
    rmSync(scratchTmp, { recursive: true })
  })

  it('reads changed deps, deleted outs and a changed command as DVC prints them', async () => {
    repo.write({ 'docs/src/a.md': 'alpha, edited\n' })
    repo.remove('docs/deep-dive.md')
    repo.write({ 'dvc.yaml': repo.read('dvc.yaml').replace('--name overview', '--name  overview') })
    const status = await dvcStatus(repo.root, { dvcPath })
    expect(asObject(status)).toEqual({
      overview: {
        changedDeps: { 'docs/src/a.md': 'modified' },
        changedOuts: {},
        changedCommand: true,
        alwaysChanged: false
      },
      deep_dive: {
        changedDeps: {},
        changedOuts: { 'docs/deep-dive.md': 'deleted' },
        changedCommand: false,
        alwaysChanged: false
      }
    })
    expect(existsSync(repo.path('.dvc'))).toBe(false)
  })

  it('asks about the root dvc.yaml only (other dvc.yaml and .dvc files are not read) and reads always_changed', async () => {
    repo.write({
      'sub/dvc.yaml': 'stages:\n  tick:\n    cmd: date\n    always_changed: true\n  broken: [\n',
      'data.dvc': 'outs:\n- path: /etc/hostname\n  md5: 123\n',
      'dvc.yaml': repo.read('dvc.yaml').replace('  overview:\n', '  overview:\n    always_changed: true\n')
    })
    const status = await dvcStatus(repo.root, { dvcPath })
    expect([...status.keys()].sort()).toEqual(['overview'])
    expect(status.get('overview')?.alwaysChanged).toBe(true)
  })

  it('works in a folder that is not a git repository', async () => {
    rmSync(repo.path('.git'), { recursive: true, force: true })
    repo.write({ 'docs/src/b.md': 'beta, edited\n' })
    const before = repo.snapshot()
    const status = await dvcStatus(repo.root, { dvcPath })
    expect(asObject(status)).toEqual({
      overview: {
        changedDeps: { 'docs/src/b.md': 'modified' },
        changedOuts: {},
        changedCommand: false,
        alwaysChanged: false
      }
    })
    expect(repo.snapshot()).toEqual(before)
  })
})

describe("dvcStatus in a repository with the user's own .dvc/", () => {
  it('removes only what DVC added: git status is unchanged', async () => {
    repo.write({ '.gitignore': '', '.dvc/config': '' })
    repo.commit('dvc config committed, .dvc not ignored')
    const before = repo.snapshot()
    const porcelain = repo.git('status', '--porcelain', '--ignored', '--untracked-files=all')
    repo.write({ 'docs/src/a.md': 'changed\n' })
    const status = await dvcStatus(repo.root, { dvcPath })
    expect(status.get('overview')?.changedDeps).toEqual({ 'docs/src/a.md': 'modified' })
    repo.write({ 'docs/src/a.md': 'alpha\n' })
    expect(repo.git('status', '--porcelain', '--ignored', '--untracked-files=all')).toBe(porcelain)
    expect(repo.snapshot()).toEqual(before)
    expect(readdirSync(repo.path('.dvc'))).toEqual(['config'])
  })

  it('leaves tmp/ files that were there before', async () => {
    repo.write({ '.dvc/tmp/keep.txt': 'mine' })
    await dvcStatus(repo.root, { dvcPath })
    expect(readdirSync(repo.path('.dvc/tmp'))).toEqual(['keep.txt'])
    expect(readdirSync(repo.path('.dvc'))).toEqual(['tmp'])
  })
})

describe('dvcStatus errors', () => {
  it('points at the line of a dvc.yaml syntax error and changes nothing', async () => {
    repo.write({ 'dvc.yaml': 'stages:\n  overview:\n    cmd: [a\n    deps: x\n' })
    const before = repo.snapshot()
    const error = await expectGraftError(dvcStatus(repo.root, { dvcPath }))
    // our own reader refuses it before DVC runs, where the unclosed list meets the next key
    expect(error.problems[0]).toMatchObject({ file: 'dvc.yaml', line: 4 })
    expect(error.problems[0].message).toMatch(/dvc\.yaml is not valid YAML \(line 4/)
    expect(error.problems[0].hint).toMatch(/fix the YAML of dvc\.yaml/)
    expect(repo.snapshot()).toEqual(before)
    expect(existsSync(repo.path('.dvc'))).toBe(false)
  })

  it('names a corrupt dvc.lock and says to restore it', async () => {
    repo.write({ 'dvc.lock': "schema: '2.0'\nstages:\n  overview:\n    foo: 1\n" })
    const before = repo.snapshot()
    const error = await expectGraftError(dvcStatus(repo.root, { dvcPath }))
    expect(error.problems[0]).toMatchObject({ file: 'dvc.lock', line: 4 })
    expect(error.problems[0].message).toMatch(/extra keys not allowed/)
    expect(error.problems[0].hint).toMatch(/git checkout -- dvc\.lock/)
    expect(repo.snapshot()).toEqual(before)
  })

  it('explains a DVC configuration error (exit 251)', async () => {
    repo.write({ '.dvc/config': '[core\n' })
    const before = repo.snapshot()
    const error = await expectGraftError(dvcStatus(repo.root, { dvcPath }))
    expect(error.problems[0]).toMatchObject({ file: '.dvc/config' })
    expect(error.problems[0].message).toMatch(
      /^DVC configuration error \(exit 251\): configuration error - config file error: Invalid line/
    )
    expect(error.problems[0].hint).toMatch(/fix or remove \.dvc\/config/)
    expect(repo.snapshot()).toEqual(before)
  })

  it('explains a held repository lock (exit 255)', async () => {
    repo.write({ '.dvc/tmp/lock': '' })
    const before = repo.snapshot()
    const holder = spawn('python3', [
      '-c',
      'import fcntl,sys,time\nf=open(sys.argv[1],"a+")\nfcntl.flock(f,fcntl.LOCK_EX)\nprint("locked",flush=True)\ntime.sleep(30)',
      repo.path('.dvc/tmp/lock')
    ])
    await new Promise((resolve) => holder.stdout.once('data', resolve))
    try {
      const error = await expectGraftError(dvcStatus(repo.root, { dvcPath }))
      expect(error.problems[0].message).toMatch(/^DVC failed \(exit 255\): Unable to acquire lock/)
      expect(error.problems[0].hint).toMatch(/delete \.dvc\/tmp\/lock/)
    } finally {
      holder.kill()
    }
    expect(repo.snapshot()).toEqual(before)
  })

  it('explains rejected arguments (exit 254) and "not a DVC repository" (exit 253)', async () => {
    const bin = scratchDir('graft-bin')
    const elsewhere = scratchDir('graft-nowhere')
    const script = (name: string, body: string): string => {
      writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`)
      chmodSync(join(bin, name), 0o755)
      return join(bin, name)
    }
    // The real DVC, given an argument it does not know / run outside any DVC repository.
    const badArgs = script('dvc-bad-args', `exec "${dvcPath}" "$@" --no-such-flag`)
    const notRepo = script('dvc-elsewhere', `cd "${elsewhere}" && exec "${dvcPath}" "$@"`)
    try {
      const e254 = await expectGraftError(dvcStatus(repo.root, { dvcPath: badArgs }))
      expect(e254.problems[0].message).toMatch(/exit 254\): unrecognized arguments: --no-such-flag/)
      expect(e254.problems[0].hint).toMatch(/install DVC 3/)
      const e253 = await expectGraftError(dvcStatus(repo.root, { dvcPath: notRepo }))
      expect(e253.problems[0].message).toMatch(
        /not a DVC repository \(exit 253\): you are not inside of a DVC repository/
      )
      expect(e253.problems[0].hint).toMatch(/working-directory/)
      expect(existsSync(repo.path('.dvc'))).toBe(false)
    } finally {
      rmSync(bin, { recursive: true, force: true })
      rmSync(elsewhere, { recursive: true, force: true })
    }
  })

  it('says how to install DVC when the executable does not exist', async () => {
    const before = repo.snapshot()
    const error = await expectGraftError(dvcStatus(repo.root, { dvcPath: '/nonexistent/bin/dvc' }))
    expect(error.problems[0].message).toBe('DVC was not found (/nonexistent/bin/dvc)')
    expect(error.problems[0].hint).toMatch(/pip install "dvc==3\.\*".*engine "native"/)
    expect(repo.snapshot()).toEqual(before)
    expect(existsSync(repo.path('.dvc'))).toBe(false)
  })
})

describe('dvcVersion', () => {
  it('prints the installed version', async () => {
    const expected = execFileSync(dvcPath, ['--version'], { encoding: 'utf8' }).trim()
    expect(await dvcVersion(dvcPath)).toBe(expected)
    expect(expected).toMatch(/^3\.\d+\.\d+/)
  })

  it('fails with an install hint when dvc is missing', async () => {
    const error = await expectGraftError(dvcVersion('/nonexistent/dvc'))
    expect(error.problems[0].hint).toMatch(/install DVC 3/)
  })
})

describe('parseDvcStatusJson', () => {
  it('keeps foreach and sub-file keys, params files and "not in cache" as DVC prints them', () => {
    const status = parseDvcStatusJson(
      JSON.stringify({
        'build@linux': ['always changed'],
        'sub/dvc.yaml:train': [
          { 'changed deps': { 'params.yaml': { lr: 'modified' }, 'data.csv': 'new' } },
          { 'changed outs': { model: 'not in cache' } },
          'changed command'
        ]
      })
    )
    expect(Object.fromEntries(status)).toEqual({
      'build@linux': { changedDeps: {}, changedOuts: {}, changedCommand: false, alwaysChanged: true },
      'sub/dvc.yaml:train': {
        changedDeps: { 'params.yaml': 'modified', 'data.csv': 'new' },
        changedOuts: { model: 'not in cache' },
        changedCommand: true,
        alwaysChanged: false
      }
    })
  })

  it('rejects output that is not a JSON object', () => {
    expect(() => parseDvcStatusJson('WARNING: something\n{}')).toThrow(/not JSON: WARNING: something/)
    expect(() => parseDvcStatusJson('[]')).toThrow(GraftError)
  })
})
