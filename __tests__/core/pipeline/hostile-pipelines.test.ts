// Pipelines a hostile or unusual repository really has, judged by the real DVC
// (issue 22; issue 19 §4): what sync (and generate, which edits dvc.yaml the
// same way) writes must be read by DVC as it was meant, and `dvc repro` must
// run exactly the written arguments — nothing hidden in a name runs.
import { afterEach, describe, expect, it } from '@jest/globals'
import { existsSync } from 'node:fs'
import { parse } from 'yaml'
import { planSync, writeSync } from '../../../src/core/pipeline/sync.js'
import { buildGraftRepo, dvcCommit, requireDvc } from '../../support/graft-repo.js'
import { runDvc } from '../../support/real-dvc.js'
import type { TestRepo } from '../../support/repo.js'

requireDvc()

/** Records its arguments, one per line, in args.txt; writes the file named `--out=FILE` (or after `--out`). */
const RECORDER = [
  'printf "%s\\n" "$@" >> args.txt',
  'for a in "$@"; do case "$a" in --out=*) printf "x\\n" > "${a#--out=}";; esac; done',
  ''
].join('\n')

const repos: TestRepo[] = []
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup()
})

function base(): TestRepo {
  const repo = buildGraftRepo({
    sources: { 'src/a.md': 'alpha\n', 'tools/rec.sh': RECORDER },
    prompts: [{ path: 'docs/a.prompt.md', deps: ['src/a.md'], body: 'A.\n' }]
  })
  repos.push(repo)
  return repo
}

async function sync(repo: TestRepo): Promise<void> {
  await writeSync(repo.root, await planSync(repo.root))
}

describe("a repository's own command template, quoted as /bin/sh reads it", () => {
  it('`"--out={out}"`: a new prompt whose output holds $(…), backticks and quotes gets it as one literal argument; nothing runs', async () => {
    const repo = base()
    repo.write({
      'dvc.yaml': repo
        .read('dvc.yaml')
        .replace(/cmd: .*(\n {6}.*)*/, `cmd: sh tools/rec.sh "--prompt=docs/a.prompt.md" '--out=docs/a.md' --name="a"`)
    })
    dvcCommit(repo)
    const outs = ['docs/$(touch pwned).md', 'docs/`touch tick`.md', 'docs/it\'s "q".md', 'docs/-dash.md']
    outs.forEach((out, i) =>
      repo.write({ [`docs/n${i}.prompt.md`]: `---\ndeps:\n  - src/a.md\nout: ${JSON.stringify(out)}\n---\nN.\n` })
    )
    repo.commit('prompts with outputs a shell would read otherwise')
    await sync(repo)
    const stages = parse(repo.read('dvc.yaml')).stages as Record<string, { cmd: string }>
    for (const [i, out] of outs.entries()) {
      const stage = `n${i}`
      repo.remove('args.txt')
      const repro = await runDvc(repo.root, ['repro', '--force', '--single-item', stage])
      expect([stage, stages[stage].cmd, repro.code]).toEqual([stage, stages[stage].cmd, 0])
      const shown = out.startsWith('-') ? `./${out}` : out
      expect(repo.read('args.txt')).toBe(`--prompt=docs/n${i}.prompt.md\n--out=${shown}\n--name=${stage}\n`)
    }
    for (const made of ['pwned', 'tick', 'docs/pwned', 'docs/tick'])
      expect([made, existsSync(repo.path(made))]).toEqual([made, false])
  }, 120_000)
})
