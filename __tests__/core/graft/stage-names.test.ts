// Which stage names break DVC (issue 22 §3), asked of the real DVC: a stage
// written into dvc.yaml as Graft writes it (not through `dvc stage add`, whose
// punctuation rule is its own). A name is fine when `dvc status` reads the file
// and `dvc commit` reaches the stage by the target the action's messages give
// (dvcTarget, pasted into /bin/sh); prompts.ts refuses exactly the others.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { addStagesToDvcYaml } from '../../../src/core/dvc/dvcyaml-write.js'
import { invalidStageNameChars } from '../../../src/core/graft/prompts.js'
import { dvcTarget } from '../../../src/core/pipeline/shell.js'
import { requireDvc } from '../../support/graft-repo.js'
import { TestRepo } from '../../support/repo.js'

const dvcPath = requireDvc()

/** Every ASCII punctuation mark inside a name, and the other shapes a prompt's file name can give. */
const NAMES = [
  ...[...'!"#$%&\'()*+,./:;<=>?@[\\]^`{|}~'].map((c) => `a${c}b`),
  ...['api.v2', 'notes [v2]', 'with space', ' lead', 'trail ', '-lead', '.', '..', '.a', 'a.', 'café', '日本'],
  ...[
    '1',
    'true',
    'null',
    '~',
    '<<',
    '0o7',
    'dvc.yaml',
    'dvc.lock',
    'a\u007fb',
    'x@1',
    'a::b',
    'a:',
    'a:b:',
    'a::',
    ':a',
    ':',
    'a\\',
    '\\a'
  ]
]

/** `sh -c script` in `cwd` (the real dvc as $DVC), DVC's writable state kept out of the way. */
function sh(cwd: string, script: string, site: string): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      '/bin/sh',
      ['-c', script],
      { cwd, env: { ...process.env, DVC_NO_ANALYTICS: '1', DVC_SITE_CACHE_DIR: site, DVC: dvcPath } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout, err: stderr })
    )
  })
}

/** Each name as a stage of its own (its own output), after `other`, which is never committed. */
function pipeline(names: string[]): string {
  const stage = (name: string, i: number) => ({
    name,
    cmd: `cp a.txt out${i}.md`,
    deps: ['a.txt'],
    outs: [{ path: `out${i}.md`, cache: false }]
  })
  return addStagesToDvcYaml(undefined, [stage('other', 0), ...names.map((n, i) => stage(n, i + 1))])
}

describe('stage names against the real DVC', () => {
  let repo: TestRepo
  let site: string
  beforeAll(() => {
    site = mkdtempSync(join(tmpdir(), 'graft-site-'))
    repo = TestRepo.create({ '.gitignore': '/.dvc/\n', 'a.txt': 'a\n' })
    repo.write({ '.dvc/.keep': '' })
    for (let i = 0; i <= NAMES.length; i++) repo.write({ [`out${i}.md`]: 'o\n' })
  })
  afterAll(() => {
    repo?.cleanup()
    rmSync(site, { recursive: true, force: true })
  })

  /** Whether DVC reads the pipeline with these stages, and `dvc commit` reaches each by its target; DVC's words when not. */
  async function works(names: string[]): Promise<{ works: boolean; dvc: string }> {
    repo.write({ 'dvc.yaml': pipeline(names) })
    repo.remove('dvc.lock')
    const status = await sh(repo.root, '"$DVC" status --json', site)
    const commit = await sh(repo.root, `"$DVC" commit -f -q ${names.map(dvcTarget).join(' ')}`, site)
    const after = await sh(repo.root, '"$DVC" status --json', site)
    const ok =
      status.code === 0 &&
      names.every((n) => n in JSON.parse(status.out)) &&
      commit.code === 0 &&
      after.code === 0 &&
      Object.keys(JSON.parse(after.out)).join() === 'other'
    if (ok) return { works: true, dvc: '' }
    const unread = status.code === 0 ? names.filter((n) => !(n in JSON.parse(status.out))) : []
    const left = after.code === 0 ? Object.keys(JSON.parse(after.out)).filter((n) => n !== 'other') : []
    const words = [status.err, commit.err].join(' ').trim().split('\n')[0]
    return {
      works: false,
      dvc:
        unread.length > 0
          ? `not read: ${unread.join(' | ')}`
          : left.length > 0
            ? `not reached: ${left.join(' | ')}`
            : words
    }
  }

  it('every name the action accepts works in one dvc.yaml, each stage reached by the target the messages give', async () => {
    const accepted = NAMES.filter((n) => invalidStageNameChars(n).length === 0)
    expect(accepted.length).toBeGreaterThan(40)
    expect(await works(accepted)).toEqual({ works: true, dvc: '' })
  }, 120_000)

  it('names that differ only in letter case or Unicode normalisation are two stages to DVC (nothing to refuse; their outputs are judged apart)', async () => {
    const names = ['Guide', 'guide', 'caf\u00e9', 'cafe\u0301']
    expect(new Set(names.map((n) => n.normalize('NFC').toLowerCase())).size).toBe(2)
    expect(await works(names)).toEqual({ works: true, dvc: '' })
  }, 120_000)

  it.each(NAMES.filter((n) => invalidStageNameChars(n).length > 0))(
    '%j, which the action refuses, breaks DVC',
    async (name) => {
      const result = await works([name])
      expect({ name, works: result.works }).toEqual({ name, works: false })
    },
    60_000
  )
})
