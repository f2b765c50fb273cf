// A hostile repository, through the bundles as a runner runs them: symlinks out
// of the repository and into .git/ and .github/, spelling variants, FIFOs,
// control characters in names, planted secrets, a symlinked dvc.lock. Each run
// must name the file, make no model request, change nothing on disk, and leak
// no secret into a request, the log or the summary.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { lstatSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runAction, type ActionRun } from '../support/action-runner.js'
import { BedrockServer, bedrockTestEnv, reply } from '../support/bedrock-server.js'
import { exampleRepo } from '../support/example-repo.js'
import type { TestRepo } from '../support/repo.js'
import { scratchDir } from '../support/scratch.js'

/** A token shaped like GitHub's, as actions/checkout persists it in .git/config. */
const TOKEN = 'ghs_' + 'Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcBa'
const BASIC = Buffer.from(`x-access-token:${TOKEN}`).toString('base64')
const SESSION = 'FwoGZXIvYXdzEPlanted//SessionToken0123456789abcdef'

/** Every entry of the work tree (and .git/config), without following links or opening special files. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(root, rel))) {
      const r = rel ? `${rel}/${name}` : name
      if (r === '.git') continue
      const s = lstatSync(join(root, r))
      if (s.isSymbolicLink()) out[r] = `-> ${readlinkSync(join(root, r))}`
      else if (s.isDirectory()) walk(r)
      else if (s.isFile()) out[r] = readFileSync(join(root, r)).toString('base64')
      else out[r] = 'special'
    }
  }
  walk('')
  out['.git/config'] = readFileSync(join(root, '.git/config'), 'utf8')
  return out
}

/** The log as a reader sees it: `::add-mask::` lines are the runner's own masking, not output. */
function unmasked(result: ActionRun): string {
  return (result.stdout + result.stderr)
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
}

/** Lines a runner would execute as workflow commands that the action itself did not write. */
function foreignCommands(log: string): string[] {
  const own = /^::(group|endgroup|error|warning|notice|debug|add-mask)(::| )/
  return log
    .split('\n')
    .filter((line) => /^\s*(::|##\[)/.test(line))
    .filter((line) => !own.test(line) || /^::error title=pwned/.test(line))
}

describe('a hostile repository', () => {
  let repo: TestRepo
  let server: BedrockServer
  let outside: string
  const env = (): Record<string, string> => ({ ...bedrockTestEnv(server.url), AWS_SESSION_TOKEN: SESSION })
  const run = (entry: 'generate' | 'validate' | 'main', inputs: Record<string, string> = {}): Promise<ActionRun> =>
    runAction(entry, {
      workspace: repo.root,
      inputs: { engine: 'native', token: TOKEN, comment: 'false', push: 'false', ...inputs },
      env: env()
    })

  beforeEach(async () => {
    repo = exampleRepo()
    // As actions/checkout leaves it: the token persisted in the repository's git config.
    repo.git('config', 'http.https://github.com/.extraheader', `AUTHORIZATION: basic ${BASIC}`)
    server = await new BedrockServer().start()
    server.onRequest(() => reply.document('# New text\n'))
    outside = scratchDir('graft-outside')
    writeFileSync(join(outside, 'secret.txt'), `password for prod: ${SESSION}\n`)
  })
  afterEach(async () => {
    await server.close()
    repo.cleanup()
    rmSync(outside, { recursive: true, force: true })
  })

  /** The checks every refusal must pass; returns the run's log. */
  async function expectRefused(
    entry: 'generate' | 'validate' | 'main',
    pattern: RegExp,
    file: string
  ): Promise<string> {
    const before = snapshot(repo.root)
    const result = await run(entry, { force: 'true' })
    const log = unmasked(result)
    expect(result.code).not.toBe(0)
    expect(log).toMatch(pattern)
    expect(log).toContain(`file=${file}`)
    expect(server.requests).toHaveLength(0)
    expect(snapshot(repo.root)).toEqual(before)
    for (const secret of [TOKEN, BASIC, SESSION]) {
      expect(log).not.toContain(secret)
      expect(result.summary).not.toContain(secret)
    }
    expect(foreignCommands(log)).toEqual([])
    return log
  }

  it('a prompt symlinked to the runner environment is refused, never read', async () => {
    symlinkSync('/proc/self/environ', repo.path('docs/env.prompt.md'))
    repo.commit('env prompt')
    await expectRefused(
      'validate',
      /docs\/env\.prompt\.md is a symlink to \/proc\/.*outside the repository/,
      'docs/env.prompt.md'
    )
    await expectRefused('generate', /outside the repository/, 'docs/env.prompt.md')
  })

  it('a prompt symlinked to a file outside the repository is refused', async () => {
    symlinkSync(join(outside, 'secret.txt'), repo.path('docs/leak.prompt.md'))
    await expectRefused(
      'generate',
      /docs\/leak\.prompt\.md is a symlink to .*secret\.txt, outside the repository/,
      'docs/leak.prompt.md'
    )
  })

  it('a dep that is a symlink to .git/config (persisted credentials) is refused', async () => {
    symlinkSync('../.git/config', repo.path('sources/cfg.md'))
    repo.write({
      'docs/overview.prompt.md': repo
        .read('docs/overview.prompt.md')
        .replace('  - sources/api.md\n', '  - sources/api.md\n  - sources/cfg.md\n')
    })
    repo.commit('cfg dep')
    await expectRefused(
      'generate',
      /sources\/cfg\.md is a symlink to \.git\/config, inside \.git\//,
      'docs/overview.prompt.md'
    )
  })

  /** overview also reads the folder sources/notes/ (a folder dep, so .dvcignore rules apply to it) */
  function addFolderDep(files: Record<string, string>): void {
    repo.write({
      ...files,
      'docs/overview.prompt.md': repo
        .read('docs/overview.prompt.md')
        .replace('  - sources/api.md\n', '  - sources/api.md\n  - sources/notes\n')
    })
  }

  it.each([
    ['/dev/zero (it would fill memory)', '/dev/zero'],
    ['the runner environment', '/proc/self/environ']
  ])('a .dvcignore symlinked to %s is refused, never read', async (_what, target) => {
    addFolderDep({ 'sources/notes/a.md': 'a note\n' })
    symlinkSync(target, repo.path('.dvcignore'))
    repo.commit('folder dep and a hostile .dvcignore')
    await expectRefused('generate', /refusing to read \.dvcignore: \.dvcignore is a symlink/, '.dvcignore')
  })

  it('a folder dep holding .github/ (or another spelling of a forbidden folder) is refused by validate as by generate', async () => {
    addFolderDep({ 'sources/notes/a.md': 'a note\n' })
    repo.commit('folder dep')
    symlinkSync(join(outside, 'secret.txt'), repo.path('sources/notes/.GitHub'))
    await expectRefused('validate', /sources\/notes\/\.GitHub .*\.github\//, 'docs/overview.prompt.md')
    await expectRefused('generate', /sources\/notes\/\.GitHub .*\.github\//, 'docs/overview.prompt.md')
  })

  it('a folder dep holding a symlink out of the repository is refused', async () => {
    symlinkSync(join(outside, 'secret.txt'), repo.path('sources/notes.md'))
    repo.write({
      'docs/overview.prompt.md': repo.read('docs/overview.prompt.md').replace('  - sources/api.md\n', '  - sources\n')
    })
    await expectRefused(
      'generate',
      /sources\/notes\.md is a symlink to .*outside the repository/,
      'docs/overview.prompt.md'
    )
  })

  it('writes through an in-repository symlink into .github/ or .git/ are refused before any call', async () => {
    repo.write({ '.github/workflows/ci.yml': 'on: push\n' })
    symlinkSync('../.github/workflows', repo.path('docs/gh'))
    repo.write({ 'docs/ci.prompt.md': '---\nout: docs/gh/ci.yml\n---\nWrite a workflow.\n' })
    await expectRefused(
      'generate',
      /docs\/gh is a symlink to \.github\/workflows.*inside \.github\//,
      'docs/ci.prompt.md'
    )
    expect(repo.read('.github/workflows/ci.yml')).toBe('on: push\n')
    repo.remove('docs/ci.prompt.md')
    symlinkSync('../.git', repo.path('docs/g'))
    repo.write({ 'docs/cfg.prompt.md': '---\nout: docs/g/config\n---\nWrite a config.\n' })
    await expectRefused('generate', /docs\/g is a symlink to \.git.*inside \.git\//, 'docs/cfg.prompt.md')
  })

  it.each([
    ['out', '.GITHUB/workflows/x.yml', '.github'],
    ['out', '.github./workflows/y.yml', '.github'],
    ['out', '.Git/config', '.git'],
    ['out', 'sub/.git /hooks/pre-commit', '.git'],
    ['out', '.DVC/config', '.dvc'],
    ['dep', '.GIT/config', '.git']
  ])('%s %s is refused as %s/ (case and trailing dots or spaces ignored)', async (key, path, folder) => {
    const frontmatter = key === 'out' ? `out: ${JSON.stringify(path)}` : `deps:\n  - ${JSON.stringify(path)}`
    repo.write({ 'docs/x.prompt.md': `---\n${frontmatter}\n---\nWrite.\n` })
    await expectRefused('generate', new RegExp(`inside ${folder.replace('.', '\\.')}/`), 'docs/x.prompt.md')
  })

  it('a FIFO as a dep or an output is refused at once, never opened', async () => {
    execFileSync('mkfifo', [repo.path('sources/pipe.md')])
    repo.write({
      'docs/overview.prompt.md': repo
        .read('docs/overview.prompt.md')
        .replace('  - sources/api.md\n', '  - sources/api.md\n  - sources/pipe.md\n')
    })
    await expectRefused('validate', /sources\/pipe\.md is a FIFO/, 'docs/overview.prompt.md')
    await expectRefused('generate', /sources\/pipe\.md is a FIFO/, 'docs/overview.prompt.md')
    rmSync(repo.path('sources/pipe.md'))
    repo.git('checkout', '--', 'docs/overview.prompt.md')
    rmSync(repo.path('docs/faq.md'))
    execFileSync('mkfifo', [repo.path('docs/faq.md')])
    await expectRefused('generate', /docs\/faq\.md is a FIFO/, 'docs/faq.prompt.md')
  })

  it('control characters in names are refused, and nothing the repository holds runs as a workflow command', async () => {
    const hostile = 'docs/evil\n::error title=pwned::owned\n::stop-commands::x.prompt.md'
    writeFileSync(repo.path(hostile), '---\nmodel: "bedrock\\n::error::pwned"\n---\nWrite.\n')
    // The annotation names the file with its line breaks written as \n (and ':' escaped by the runner's own format).
    const log = await expectRefused(
      'generate',
      /control character/,
      'docs/evil\\n%3A%3Aerror title=pwned%3A%3Aowned\\n%3A%3Astop-commands%3A%3Ax.prompt.md'
    )
    expect(log).not.toMatch(/^::error title=pwned/m)
    expect(log).not.toMatch(/^::stop-commands::/m)
  })

  it('a secret planted in a source file stops the run before the call, naming the file', async () => {
    repo.write({ 'sources/api.md': repo.read('sources/api.md') + `\nDebug dump: header ${BASIC}\n` })
    repo.commit('oops')
    const before = snapshot(repo.root)
    const result = await run('generate', { targets: 'docs/overview.md' })
    const log = unmasked(result)
    expect(result.code).not.toBe(0)
    expect(log).toMatch(
      /stopped before calling the model for docs\/overview\.md: the packed prompt holds a secret of this run.*from sources\/api\.md/
    )
    expect(server.requests).toHaveLength(0)
    expect(snapshot(repo.root)).toEqual(before)
    expect(log).not.toContain(BASIC)
  })

  it('secret-named values are masked in what the model sees; plain settings stay readable', async () => {
    repo.write({
      'sources/config.yaml': repo.read('sources/config.yaml') + 'aws_region: us-east-1\ndb_password: hunter2hunter2\n'
    })
    repo.commit('settings')
    const result = await run('generate', { targets: 'docs/api-reference.md' })
    expect(result.code).toBe(0)
    const sent = server.requests.map((r) => r.body.messages[0].content[0].text).join('\n')
    expect(sent).toContain('aws_region: us-east-1')
    expect(sent).toContain('db_password: ***')
    expect(sent).not.toContain('hunter2hunter2')
  })

  it('a symlinked dvc.lock is refused before any model call', async () => {
    writeFileSync(repo.path('real.lock'), readFileSync(repo.path('dvc.lock')))
    rmSync(repo.path('dvc.lock'))
    symlinkSync('real.lock', repo.path('dvc.lock'))
    await expectRefused('generate', /dvc\.lock is a symlink/, 'dvc.lock')
  })

  it('an output that is a folder, or lies under a file, is refused before any model call', async () => {
    repo.write({ 'docs/dir.prompt.md': '---\nout: docs/existing\n---\nWrite.\n', 'docs/existing/keep.md': 'keep\n' })
    await expectRefused('generate', /docs\/existing is a folder, not a file/, 'docs/dir.prompt.md')
    repo.remove('docs/dir.prompt.md')
    repo.write({ 'docs/under.prompt.md': '---\nout: docs/faq.md/under.md\n---\nWrite.\n' })
    await expectRefused('generate', /docs\/faq\.md is a file, not a folder/, 'docs/under.prompt.md')
  })
})
