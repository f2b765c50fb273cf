import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Git } from '../../../src/core/io/git.js'
import { GraftError } from '../../../src/core/errors.js'
import { findBaseline, type Baseline } from '../../../src/core/pack/baseline.js'
import { detectChanges, type ChangeInput } from '../../../src/core/pack/changes.js'
import { decideDirective } from '../../../src/core/pack/directive.js'
import { TestRepo } from '../../support/repo.js'
import {
  GraftRepo,
  DEPS,
  OUTPUT,
  PROMPT_PATH,
  STAGE,
  header,
  lockText,
  promptText
} from '../../support/pack-support.js'
import { scratchDir } from '../../support/scratch.js'

const BODY = 'Write a guide to a, b and c.\n'

describe('detectChanges', () => {
  let g: GraftRepo
  let git: Git
  let generated: string
  beforeEach(() => {
    g = new GraftRepo(BODY)
    git = new Git(g.repo.root)
    generated = g.generate('Guide v1\n')
  })
  afterEach(() => g.repo.cleanup())

  async function changes(extra: Partial<ChangeInput> = {}): Promise<Awaited<ReturnType<typeof detectChanges>>> {
    const baseline = extra.baseline ?? (await findBaseline(git, STAGE))
    return detectChanges(git, { promptPath: PROMPT_PATH, body: BODY, deps: DEPS, output: OUTPUT, baseline, ...extra })
  }

  /** Read-only: the working tree and the real index are the same before and after. */
  async function unchangedOnDisk<T>(fn: () => Promise<T>): Promise<T> {
    const files = g.repo.snapshot()
    const index = g.repo.git('ls-files', '--stage')
    const status = g.repo.git('status', '--porcelain')
    const result = await fn()
    expect(g.repo.snapshot()).toEqual(files)
    expect(g.repo.git('ls-files', '--stage')).toBe(index)
    expect(g.repo.git('status', '--porcelain')).toBe(status)
    return result
  }

  it('shows every commit since the baseline, where HEAD~1 would show only the last', async () => {
    g.edit({ 'src/a.md': 'alpha one\nalpha CHANGED\n' }, 'a')
    g.edit({ 'src/b.md': 'beta one\nbeta CHANGED\n' }, 'b')
    g.edit({ 'src/c.md': 'gamma one\ngamma CHANGED\n' }, 'c')
    const c = await unchangedOnDisk(() => changes())
    expect(c.sourcesChanged).toBe(true)
    for (const name of ['alpha', 'beta', 'gamma']) {
      expect(c.sourceDiff).toContain(`-${name} two\n+${name} CHANGED\n`)
    }
    expect(c.sourceDiff).toContain('--- a/src/a.md\n+++ b/src/a.md\n@@ -1,2 +1,2 @@')
    const lastCommitOnly = g.repo.git('diff', 'HEAD~1', 'HEAD', '--', ...DEPS)
    expect(lastCommitOnly).toContain('gamma CHANGED')
    expect(lastCommitOnly).not.toContain('alpha CHANGED')
    expect(generated).not.toBe(g.repo.head())
  })

  it('includes uncommitted edits and deletions of deps', async () => {
    g.repo.write({ 'src/a.md': 'alpha one\nalpha edited in the working tree\n' })
    g.repo.remove('src/b.md')
    const c = await unchangedOnDisk(() => changes())
    expect(c.sourcesChanged).toBe(true)
    expect(c.sourceDiff).toContain('+alpha edited in the working tree\n')
    expect(c.sourceDiff).toContain('deleted file mode')
    expect(c.sourceDiff).toContain('-beta one\n-beta two\n')
  })

  it('shows an untracked new dep as a new file, leaving the index alone', async () => {
    g.repo.write({ 'src/new.md': 'brand new source\n' })
    const c = await unchangedOnDisk(() => changes({ deps: [...DEPS, 'src/new.md'] }))
    expect(c.sourcesChanged).toBe(true)
    expect(c.sourceDiff).toContain('diff --git a/src/new.md b/src/new.md\nnew file mode 100644')
    expect(c.sourceDiff).toContain('--- /dev/null\n+++ b/src/new.md\n@@ -0,0 +1 @@\n+brand new source\n')
    expect(g.repo.git('status', '--porcelain')).toContain('?? src/new.md')
  })

  it('still sees a tracked dep that .gitignore matches, and skips an ignored untracked one', async () => {
    g.repo.write({ '.gitignore': 'src/*.log\n', 'src/kept.log': 'kept v1\n' })
    g.repo.git('add', '-f', 'src/kept.log', '.gitignore')
    g.repo.git('commit', '-q', '-m', 'force-added log')
    const baseline: Baseline = { rev: g.repo.head(), source: 'output' }
    g.repo.write({ 'src/kept.log': 'kept v2\n', 'src/other.log': 'ignored\n' })
    const c = await unchangedOnDisk(() => changes({ baseline, deps: ['src/kept.log', 'src/other.log'] }))
    expect(c.sourceDiff).toContain('-kept v1\n+kept v2\n')
    expect(c.sourceDiff).not.toContain('other.log')
  })

  it('diffs a dep rewritten earlier in this run from its baseline text to its new text', async () => {
    g.repo.write({ 'docs/up.md': 'up line 1\nup line 2\nup line 3\n' })
    const baselineRev = g.repo.commit('upstream doc')
    const baseline: Baseline = { rev: baselineRev, source: 'lock' }
    g.edit({ 'docs/up.md': 'up line 1\nup line 2 (committed since)\nup line 3\n' }, 'upstream edited')
    // The run already wrote something else on disk; the override is what counts.
    g.repo.write({ 'docs/up.md': 'on disk, not what the run produced\n' })
    const overrides = new Map([
      [
        'docs/up.md',
        {
          before: 'up line 1\nup line 2 (committed since)\nup line 3\n',
          after: 'up line 1\nup line 2 (regenerated)\nup line 3\n'
        }
      ]
    ])
    const c = await changes({ baseline, deps: ['src/a.md', 'docs/up.md'], overrides })
    expect(c.sourcesChanged).toBe(true)
    expect(c.sourceDiff).toBe(
      '--- a/docs/up.md\n+++ b/docs/up.md\n@@ -1,3 +1,3 @@\n up line 1\n-up line 2\n+up line 2 (regenerated)\n up line 3\n'
    )
  })

  it('counts an override whose text did not change as no change', async () => {
    g.repo.write({ 'docs/up.md': 'same\n' })
    const baseline: Baseline = { rev: g.repo.commit('upstream doc'), source: 'lock' }
    const overrides = new Map([['docs/up.md', { before: 'same\n', after: 'same\n' }]])
    const c = await changes({ baseline, deps: ['docs/up.md'], overrides })
    expect(c.sourcesChanged).toBe(false)
    expect(c.sourceDiff).toBe('--- a/docs/up.md\n+++ b/docs/up.md\n@@ CURRENT CONTENT @@\nsame\n')
  })

  it('masks secret-named values in the source diff, and keeps plain settings readable', async () => {
    g.edit(
      { 'src/a.md': 'alpha one\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG and AWS_REGION=us-east-1\n' },
      'secret'
    )
    const c = await changes()
    expect(c.sourceDiff).toContain('+AWS_SECRET_ACCESS_KEY=*** and AWS_REGION=us-east-1\n')
    expect(c.sourceDiff).not.toContain('wJalrXUtnFEMI')
  })

  it('masks secrets in the whole-file shapes too', async () => {
    const c = await changes({ baseline: { source: 'none' }, deps: ['.env.example'] })
    expect(c.sourceDiff).toBe('')
    g.repo.write({ '.env.example': 'AWS_ACCESS_KEY_ID=AKIAEXAMPLE\n' })
    const fresh = await changes({ baseline: { source: 'none' }, deps: ['.env.example'] })
    expect(fresh.sourceDiff).toBe('--- a/.env.example\n+++ b/.env.example\n@@ NEW FILE @@\nAWS_ACCESS_KEY_ID=***\n')
  })

  it("gives each dep's current text, counted as unchanged, when nothing changed", async () => {
    const c = await unchangedOnDisk(() => changes())
    expect(c.sourcesChanged).toBe(false)
    expect(c.sourceDiff).toBe(
      [
        '--- a/src/a.md\n+++ b/src/a.md\n@@ CURRENT CONTENT @@\nalpha one\nalpha two\n',
        '--- a/src/b.md\n+++ b/src/b.md\n@@ CURRENT CONTENT @@\nbeta one\nbeta two\n',
        '--- a/src/c.md\n+++ b/src/c.md\n@@ CURRENT CONTENT @@\ngamma one\ngamma two\n'
      ].join('\n\n')
    )
  })

  it('lists the files of a directory dep, untracked ones included, ignored ones not', async () => {
    g.repo.write({ '.gitignore': '*.tmp\n' })
    g.repo.commit('ignore tmp')
    const baseline: Baseline = { rev: g.repo.head(), source: 'lock' }
    g.repo.write({ 'src/z.md': 'zeta\n', 'src/scratch.tmp': 'junk\n' })
    const c = await changes({ baseline, deps: ['src'] })
    expect(c.sourcesChanged).toBe(true)
    expect(c.sourceDiff).toContain('+++ b/src/z.md\n@@ -0,0 +1 @@\n+zeta\n')
    g.repo.commit('z')
    const still = await changes({ baseline: { rev: g.repo.head(), source: 'lock' }, deps: ['src'] })
    expect(still.sourcesChanged).toBe(false)
    expect(still.sourceDiff.match(/^@@ CURRENT CONTENT @@$/gm)).toHaveLength(4)
    expect(still.sourceDiff).toContain('--- a/src/z.md\n+++ b/src/z.md\n@@ CURRENT CONTENT @@\nzeta\n')
    expect(still.sourceDiff).not.toContain('scratch.tmp')
  })

  it('without a baseline shows the deps as new files, counted as changed', async () => {
    const c = await changes({ baseline: { source: 'none', note: 'shallow' } })
    expect(c.sourcesChanged).toBe(true)
    // Graft joins the files with "\n\n" after each file's own final newline.
    expect(
      c.sourceDiff.startsWith(
        '--- a/src/a.md\n+++ b/src/a.md\n@@ NEW FILE @@\nalpha one\nalpha two\n\n\n--- a/src/b.md'
      )
    ).toBe(true)
    expect(c.sourceDiff.match(/^@@ NEW FILE @@$/gm)).toHaveLength(3)
    expect(c.promptChanged).toBe(false)
  })

  it('ignores the prompt itself when it is listed among the deps', async () => {
    g.edit({ [PROMPT_PATH]: promptText(BODY, 'bc-v4') }, 'model only')
    const c = await changes({ deps: [PROMPT_PATH, 'src/a.md'] })
    expect(c.sourcesChanged).toBe(false)
    expect(c.sourceDiff).not.toContain(PROMPT_PATH)
  })

  it('does not count a frontmatter-only prompt edit as an instruction change', async () => {
    g.edit({ [PROMPT_PATH]: promptText(`\n\n${BODY}  \n`, 'bc-v4', [...DEPS].reverse()) }, 'frontmatter and whitespace')
    const c = await changes()
    expect(c.promptChanged).toBe(false)
    expect(c.promptDiff).toBeUndefined()
  })

  it('diffs the prompt body when the instructions changed', async () => {
    const newBody = 'Write a guide to a, b and c.\nUse a formal tone.\n'
    g.edit({ [PROMPT_PATH]: promptText(newBody) }, 'tone')
    const c = await changes({ body: newBody })
    expect(c.promptChanged).toBe(true)
    expect(c.promptDiff).toBe(
      `--- a/${PROMPT_PATH}\n+++ b/${PROMPT_PATH}\n@@ -1,1 +1,2 @@\n Write a guide to a, b and c.\n+Use a formal tone.\n`
    )
  })

  it('counts a prompt absent at the baseline as unchanged', async () => {
    const c = await changes({ promptPath: 'docs/renamed.prompt.md', body: 'Something else entirely.' })
    expect(c.promptChanged).toBe(false)
  })

  it('takes the previous draft from HEAD, without its header, not from the working tree', async () => {
    g.repo.write({ [OUTPUT]: `${header('abcdef0')}\nhand edit not committed\n` })
    const c = await changes()
    expect(c.previousDraft).toBe('Guide v1\n')
  })

  it('refuses a dep outside the repository, naming the prompt file, and changes nothing', async () => {
    g.repo.write({ 'src/x.md': 'x\n' })
    const before = g.repo.snapshot()
    const index = g.repo.git('ls-files', '--stage')
    const error = await changes({ deps: ['src/a.md', '../secrets.md', 'src/../../etc/passwd'] }).catch(
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(GraftError)
    expect((error as GraftError).message).toBe(
      `${PROMPT_PATH}: dep ../secrets.md is outside the repository — list deps as paths relative to the repository root, inside it\n` +
        `${PROMPT_PATH}: dep src/../../etc/passwd is outside the repository — list deps as paths relative to the repository root, inside it`
    )
    expect(g.repo.snapshot()).toEqual(before)
    expect(g.repo.git('ls-files', '--stage')).toBe(index)
  })

  it('refuses to show a dep that is a symlink leaving the repository, and changes nothing', async () => {
    const outside = scratchDir('graft-outside')
    writeFileSync(join(outside, 'secret.txt'), 'top secret\n')
    symlinkSync(join(outside, 'secret.txt'), g.repo.path('src/link.md'))
    const before = g.repo.snapshot()
    try {
      // With a baseline, git shows the link's target path, never the target's text.
      expect((await changes({ deps: ['src/link.md'] })).sourceDiff).not.toContain('top secret')
      const error = await changes({ deps: ['src/link.md'], baseline: { source: 'none' } }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(GraftError)
      expect((error as GraftError).message).toMatch(
        /^src\/link\.md: refusing to read src\/link\.md: src\/link\.md is a symlink to .*secret\.txt, outside the repository — .*remove the symlink/
      )
      expect(g.repo.snapshot()).toEqual(before)
    } finally {
      rmSync(outside, { recursive: true, force: true })
    }
  })

  it('has no previous draft when the output is absent or holds only a header', async () => {
    const none = await changes({ output: 'docs/missing.md' })
    expect(none.previousDraft).toBeUndefined()
    g.edit({ [OUTPUT]: `${header('abcdef0')}\n\n` }, 'emptied')
    expect((await changes()).previousDraft).toBeUndefined()
  })

  it('a header-only output (Graft wrote two header lines) is no draft: every source is shown whole, as for a new document', async () => {
    g.edit({ 'src/a.md': 'alpha one\nalpha CHANGED\n' }, 'a')
    g.edit({ [OUTPUT]: `${header('abcdef0')}\n${header('1234567')}\n` }, 'header twice, nothing else')
    const c = await unchangedOnDisk(() => changes())
    expect(c.previousDraft).toBeUndefined()
    expect(c.sourcesChanged).toBe(true)
    for (const dep of DEPS) expect(c.sourceDiff).toContain(`--- a/${dep}\n+++ b/${dep}\n@@ NEW FILE @@\n`)
    expect(c.sourceDiff).toContain('beta one\nbeta two\n')
    expect(decideDirective(c).directive).toBe('GENERATE')
  })

  it('a draft under two header lines is the text below both', async () => {
    g.edit({ [OUTPUT]: `${header('abcdef0')}\n${header('1234567')}\nGuide v2\n` }, 'header twice')
    expect((await changes()).previousDraft).toBe('Guide v2\n')
  })
})

describe('a working-directory below the git root', () => {
  it('finds the baseline and diffs paths relative to that folder', async () => {
    const repo = TestRepo.create({
      'sub/src/a.md': 'a1\n',
      'sub/src/b.md': 'b1\n',
      'sub/docs/guide.prompt.md': 'body\n'
    })
    try {
      repo.commit('init')
      repo.write({
        'sub/docs/guide.md': `${header(repo.head().slice(0, 7))}\nGuide\n`,
        'sub/dvc.lock': lockText({ guide: 'x' })
      })
      const generated = repo.commit('generate')
      repo.write({ 'sub/src/a.md': 'a2\n' })
      repo.commit('a')
      repo.write({ 'sub/src/b.md': 'b2\n', 'sub/src/new.md': 'n\n' })
      const git = new Git(repo.path('sub'))
      const baseline = await findBaseline(git, { name: 'guide', output: 'docs/guide.md' })
      expect(baseline).toEqual({ rev: generated, source: 'lock' })
      const c = await detectChanges(git, {
        promptPath: 'docs/guide.prompt.md',
        body: 'body\n',
        deps: ['src/a.md', 'src/b.md', 'src/new.md'],
        output: 'docs/guide.md',
        baseline
      })
      expect(c.sourceDiff).toContain('--- a/src/a.md\n+++ b/src/a.md\n@@ -1 +1 @@\n-a1\n+a2\n')
      expect(c.sourceDiff).toContain('--- a/src/b.md\n+++ b/src/b.md\n@@ -1 +1 @@\n-b1\n+b2\n')
      expect(c.sourceDiff).toContain('+++ b/src/new.md\n@@ -0,0 +1 @@\n+n\n')
      expect(c.sourceDiff).not.toContain('sub/')
      expect(c.previousDraft).toBe('Guide\n')
    } finally {
      repo.cleanup()
    }
  })
})
