// Git for Windows sets core.autocrlf=true by default: without .gitattributes, a
// clone there holds CRLF files, the sample's prompts are refused (Graft does not
// read CRLF frontmatter), its dvc.lock hashes no longer match, and a rebuilt
// dist/ differs from the committed one (actions/typescript-action#494, #838).
// The project's .gitattributes keeps every text file LF in every checkout.
import { beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { PROJECT_ROOT } from '../support/action-runner.js'
import { GIT_ENV } from '../support/repo.js'
import { scratchDir } from '../support/scratch.js'

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } })

describe('line endings', () => {
  let scratch: string
  beforeEach(() => {
    scratch = scratchDir('graft-eol')
  })

  it('every tracked file is checked out with LF (.gitattributes: eol=lf)', () => {
    const files = git(PROJECT_ROOT, 'ls-files', '-z').split('\0').filter(Boolean)
    const eol = execFileSync('git', ['check-attr', '--stdin', '-z', 'eol'], {
      cwd: PROJECT_ROOT,
      input: files.join('\0'),
      encoding: 'utf8'
    }).split('\0')
    const notLf: string[] = []
    for (let i = 0; i + 2 < eol.length; i += 3) if (eol[i + 2] !== 'lf') notLf.push(`${eol[i]}: ${eol[i + 2]}`)
    expect(files.length).toBeGreaterThan(100)
    expect(notLf).toEqual([])
  })

  it('a clone with core.autocrlf=true holds the sample prompt, a source and a bundle as committed (LF)', () => {
    const origin = join(scratch, 'origin')
    const files = [
      '.gitattributes',
      'examples/docs-site/docs/overview.prompt.md',
      'src/cli/help.ts',
      'dist/cli/package.json'
    ]
    mkdirSync(origin)
    git(origin, 'init', '-q', '-b', 'main')
    for (const f of files.filter((f) => existsSync(join(PROJECT_ROOT, f)))) {
      mkdirSync(dirname(join(origin, f)), { recursive: true })
      copyFileSync(join(PROJECT_ROOT, f), join(origin, f))
    }
    git(origin, 'add', '-A')
    git(origin, 'commit', '-q', '-m', 'files')
    const clone = join(scratch, 'clone')
    git(scratch, '-c', 'core.autocrlf=true', 'clone', '-q', '-c', 'core.autocrlf=true', origin, clone)
    for (const f of files.slice(1)) {
      expect(readFileSync(join(clone, f)).equals(readFileSync(join(PROJECT_ROOT, f)))).toBe(true)
    }
  })
})
