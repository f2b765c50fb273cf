// FileTransaction: every write generate makes goes through it; rollback puts
// back the bytes that were there (or removes a file that was not), tries every
// file even when one cannot be restored, and refuses later writes. Real files
// in a temporary folder; the resolver is the real one.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { FileTransaction, describeFsError } from '../../../src/core/io/transaction.js'
import { GraftError } from '../../../src/core/errors.js'
import { scratchDir } from '../../support/scratch.js'

let root: string
const undo: Array<() => void> = []

beforeEach(() => {
  root = scratchDir('graft-transaction')
  mkdirSync(join(root, 'docs'))
  writeFileSync(join(root, 'docs/old.md'), 'old bytes\r\nwith CRLF\n')
  writeFileSync(join(root, 'dvc.lock'), 'schema: "2.0"\n')
})
afterEach(() => {
  for (const u of undo.splice(0)) u()
  rmSync(root, { recursive: true, force: true })
})

const read = (rel: string): string => readFileSync(join(root, rel), 'utf8')

/** A folder that refuses new, removed and renamed entries (chattr +i as root, who ignores mode bits). */
function freeze(rel: string): void {
  const dir = join(root, rel)
  if (process.getuid?.() === 0) {
    execFileSync('chattr', ['+i', dir])
    undo.push(() => execFileSync('chattr', ['-i', dir]))
  } else {
    execFileSync('chmod', ['a-w', dir])
    undo.push(() => execFileSync('chmod', ['u+w', dir]))
  }
}

describe('FileTransaction', () => {
  it('rollback restores the exact bytes of a rewritten file and removes a new one', async () => {
    const t = new FileTransaction(root)
    await t.write('docs/old.md', 'new text\n')
    await t.write('docs/new/page.md', 'a new page\n')
    await t.write('dvc.lock', 'schema: "2.0"\nstages: {}\n')
    expect(read('docs/old.md')).toBe('new text\n')
    expect((await t.changedPaths()).sort()).toEqual(['docs/new/page.md', 'docs/old.md', 'dvc.lock'])
    expect(await t.rollback()).toEqual([])
    expect(read('docs/old.md')).toBe('old bytes\r\nwith CRLF\n')
    expect(read('dvc.lock')).toBe('schema: "2.0"\n')
    expect(existsSync(join(root, 'docs/new/page.md'))).toBe(false)
  })

  it('keeps the first original when a path is written twice', async () => {
    const t = new FileTransaction(root)
    await t.write('docs/old.md', 'first\n')
    await t.write('docs/old.md', 'second\n')
    await t.rollback()
    expect(read('docs/old.md')).toBe('old bytes\r\nwith CRLF\n')
  })

  it('changedPaths leaves out a write of the same bytes', async () => {
    const t = new FileTransaction(root)
    await t.write('docs/old.md', 'old bytes\r\nwith CRLF\n')
    await t.write('docs/other.md', 'x\n')
    expect(await t.changedPaths()).toEqual(['docs/other.md'])
  })

  it('writes atomically: no temporary file is left beside the document', async () => {
    const t = new FileTransaction(root)
    await t.write('docs/old.md', 'new text\n')
    expect(readdirSync(join(root, 'docs')).sort()).toEqual(['old.md'])
  })

  it('refuses a write after rollback has begun, naming the file', async () => {
    const t = new FileTransaction(root)
    await t.rollback()
    await expect(t.write('docs/old.md', 'late\n')).rejects.toThrow(
      'not writing docs/old.md: the run is being rolled back'
    )
    expect(read('docs/old.md')).toBe('old bytes\r\nwith CRLF\n')
  })

  it('refuses through the resolver: a symlinked folder into .git/ is never written', async () => {
    mkdirSync(join(root, '.git'))
    writeFileSync(join(root, '.git/config'), '[core]\n')
    symlinkSync('../.git', join(root, 'docs/g'))
    const t = new FileTransaction(root)
    const error = await t.write('docs/g/config', 'pwned\n').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GraftError)
    expect((error as GraftError).message).toMatch(/refusing to write docs\/g\/config: .*\.git/)
    expect(read('.git/config')).toBe('[core]\n')
  })

  it('a write that fails names the file and the cause; rollback still puts back the earlier writes', async () => {
    mkdirSync(join(root, 'locked'))
    const t = new FileTransaction(root)
    await t.write('docs/old.md', 'new text\n')
    freeze('locked')
    const error = (await t.write('locked/page.md', 'x\n').catch((e: unknown) => e)) as GraftError
    expect(error).toBeInstanceOf(GraftError)
    expect(error.problems[0].file).toBe('locked/page.md')
    expect(error.message).toMatch(/locked\/page\.md.*(not writable|EPERM|EACCES)/)
    expect(await t.rollback()).toEqual([])
    expect(read('docs/old.md')).toBe('old bytes\r\nwith CRLF\n')
  })

  it('rollback tries every file and reports each one it cannot restore, with the cause and what to do', async () => {
    mkdirSync(join(root, 'a'))
    mkdirSync(join(root, 'b'))
    writeFileSync(join(root, 'b/kept.md'), 'before\n')
    const t = new FileTransaction(root)
    await t.write('a/new.md', 'new\n')
    await t.write('b/kept.md', 'after\n')
    await t.write('docs/old.md', 'new text\n')
    freeze('a') // a/new.md cannot be removed
    freeze('b') // b/kept.md cannot be replaced (atomic rename)
    const problems = await t.rollback()
    expect(problems.map((p) => p.file).sort()).toEqual(['a/new.md', 'b/kept.md'])
    const byFile = Object.fromEntries(problems.map((p) => [p.file, p]))
    expect(byFile['a/new.md'].message).toMatch(
      /could not restore a\/new\.md after the failed run \((EPERM|EACCES)[^)]*\); it still holds this run's new file/
    )
    expect(byFile['a/new.md'].hint).toContain('git clean -f -- a/new.md')
    expect(byFile['b/kept.md'].message).toContain("it still holds this run's text")
    expect(byFile['b/kept.md'].hint).toContain('git checkout -- b/kept.md')
    // the file that could go back did
    expect(read('docs/old.md')).toBe('old bytes\r\nwith CRLF\n')
  })
})

describe('describeFsError', () => {
  it('says what an errno code means', () => {
    expect(describeFsError(Object.assign(new Error('x'), { code: 'ENOSPC' }))).toBe('ENOSPC, no space left on device')
    expect(describeFsError(Object.assign(new Error('x'), { code: 'EWHATEVER' }))).toBe('EWHATEVER')
    expect(describeFsError(new Error('plain'))).toBe('plain')
  })
})

describe('the commands the restore hints suggest, for a file named with shell syntax', () => {
  it('name the file as one quoted argument: pasted into a shell, they run nothing else', async () => {
    // `$(…)` and a space: unquoted, `git checkout -- docs/$(touch pwned) x.md` runs touch and names two files
    const dir = 'a $(touch pwned)'
    mkdirSync(join(root, dir))
    const t = new FileTransaction(root)
    await t.write(`${dir}/new.md`, 'new\n')
    freeze(dir)
    const [problem] = await t.rollback()
    expect(problem.hint).toContain("`git clean -f -- 'a $(touch pwned)/new.md'`")
    // what a shell makes of the suggested command: one argument, the file's name, and no side effect
    const suggested = /`git clean -f -- (.*)`/.exec(problem.hint ?? '')![1]
    const args = execFileSync('sh', ['-c', `printf '%s\\0' ${suggested}`], { cwd: root, encoding: 'utf8' })
    expect(args.split('\0').slice(0, -1)).toEqual([`${dir}/new.md`])
    expect(existsSync(join(root, 'pwned'))).toBe(false)
  })
})
