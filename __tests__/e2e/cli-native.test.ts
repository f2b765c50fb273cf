// The CLI as a person at a terminal meets it, run from its bundle: colour on a
// terminal (a pseudo-terminal made by util-linux `script`) and plain text when
// piped, NO_COLOR and FORCE_COLOR honoured; --json on failure; no line said
// twice; --help in aligned columns; advice in the CLI's own terms (options,
// git), never the action's inputs or actions/checkout; a pre-commit hook that
// survives a moved clone and a Node elsewhere.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFile, execFileSync } from 'node:child_process'
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BUNDLE_NODE, PROJECT_ROOT } from '../support/action-runner.js'
import { AWS_ENV_KEYS, BedrockServer, bedrockTestEnv } from '../support/bedrock-server.js'
import { exampleRepo } from '../support/example-repo.js'
import { GIT_ENV, TestRepo } from '../support/repo.js'

const CLI = join(PROJECT_ROOT, 'dist/cli/index.js')
const ESC = '\u001b['

interface Run {
  code: number
  stdout: string
  stderr: string
}

/** The environment minus what could colour, reach AWS or look like a workflow. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...GIT_ENV }
  for (const k of [...AWS_ENV_KEYS, 'GITHUB_ACTIONS', 'FORCE_COLOR', 'NO_COLOR', 'NODE_DISABLE_COLORS', 'CI'])
    delete env[k]
  return { ...env, TERM: 'xterm-256color', ...extra }
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { env, cwd }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    )
  })
}

/** The CLI with its output piped (stdout and stderr apart). */
const piped = (args: string[], extra: Record<string, string> = {}): Promise<Run> =>
  run(BUNDLE_NODE, [CLI, ...args], cleanEnv(extra))

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`

/** The CLI on a pseudo-terminal (stdout and stderr both the terminal): what a person sees. */
async function onTerminal(args: string[], extra: Record<string, string> = {}): Promise<{ code: number; out: string }> {
  const command = [BUNDLE_NODE, CLI, ...args].map(quote).join(' ')
  const r = await run('script', ['-qec', command, '/dev/null'], cleanEnv(extra))
  return { code: r.code, out: r.stdout.replace(/\r\n/g, '\n') }
}

/** A stale copy of the sample: api.md changed and committed. */
function staleRepo(): TestRepo {
  const repo = exampleRepo()
  repo.write({ 'sources/api.md': `${repo.read('sources/api.md')}- \`queue.cancel(id)\`\n` })
  repo.commit('api')
  return repo
}

describe('colour: on a terminal, never in a pipe', () => {
  let repo: TestRepo
  beforeEach(() => {
    repo = staleRepo()
  })
  afterEach(() => repo.cleanup())

  it('validate is styled on a terminal and plain when piped; NO_COLOR wins on a terminal; FORCE_COLOR styles a pipe', async () => {
    const args = ['validate', '--engine', 'native', '-C', repo.root]
    const tty = await onTerminal(args)
    expect(tty.code).toBe(0)
    expect(tty.out).toContain(ESC)
    expect(tty.out).toContain('docs/api-reference.md')

    const pipe = await piped(args)
    expect(pipe.code).toBe(0)
    expect(pipe.stdout).toContain('5 stale document(s)')
    expect(pipe.stdout + pipe.stderr).not.toContain('\u001b')

    const noColor = await onTerminal(args, { NO_COLOR: '1' })
    expect(noColor.out).toContain('5 stale document(s)')
    expect(noColor.out).not.toContain('\u001b')

    const forced = await piped(args, { FORCE_COLOR: '1' })
    expect(forced.stdout).toContain(ESC)
  })

  it('--help: bold headings on a terminal, none piped', async () => {
    expect((await onTerminal(['--help'])).out).toContain(ESC)
    const pipe = await piped(['--help'])
    expect(pipe.stdout).toContain('Usage: graft-action <command> [options]')
    expect(pipe.stdout).not.toContain('\u001b')
  })
})

describe('--json on failure', () => {
  let repo: TestRepo
  beforeEach(() => {
    repo = exampleRepo()
  })
  afterEach(() => repo.cleanup())

  it('a broken prompt: a JSON object on stdout with each problem (file, line, message, hint), exit 1, nothing changed', async () => {
    repo.write({ 'docs/broken.prompt.md': '---\ndeps:\n  - sources/api.md\n  - [not, a, path\n---\nWrite it.\n' })
    const before = repo.snapshot()
    const r = await piped(['validate', '--json', '--engine', 'native', '-C', repo.root])
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout) as {
      ok: boolean
      exit_code: number
      problems: Array<{ file: string; line: number; message: string; hint: string }>
    }
    expect(report.ok).toBe(false)
    expect(report.exit_code).toBe(1)
    expect(report.problems.length).toBeGreaterThan(0)
    expect(report.problems[0]).toMatchObject({ file: 'docs/broken.prompt.md', line: expect.any(Number) })
    expect(report.problems[0].message.length).toBeGreaterThan(0)
    expect(typeof report.problems[0].hint).toBe('string')
    // the person reading stderr gets the same problem as text
    expect(r.stderr).toContain('error: docs/broken.prompt.md:')
    expect(repo.snapshot()).toEqual(before)
  })

  it('a usage error with --json: a JSON object too, exit 2; without --json stdout stays empty', async () => {
    const r = await piped(['validate', '--json', '--engine', 'natve', '-C', repo.root])
    expect(r.code).toBe(2)
    const report = JSON.parse(r.stdout) as { ok: boolean; exit_code: number; problems: Array<{ message: string }> }
    expect(report).toMatchObject({ ok: false, exit_code: 2 })
    expect(report.problems[0].message).toBe('--engine must be auto, native or dvc, not "natve"; did you mean "native"?')
    const plain = await piped(['validate', '--engine', 'natve', '-C', repo.root])
    expect(plain.code).toBe(2)
    expect(plain.stdout).toBe('')
  })

  it('success has the same shape: ok true and no problems', async () => {
    const r = await piped(['validate', '--json', '--engine', 'native', '-C', repo.root])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, is_stale: false, problems: [] })
  })
})

describe('each line once', () => {
  let repo: TestRepo
  afterEach(() => repo.cleanup())

  it('generate --dry-run with a new document downstream of a changed one: no line is printed twice', async () => {
    repo = staleRepo()
    // a new prompt reading a document this run regenerates: its output was never committed
    repo.write({ 'docs/glossary.prompt.md': '---\ndeps:\n  - docs/overview.md\n---\nWrite a glossary.\n' })
    expect((await piped(['sync', '-C', repo.root])).code).toBe(0)
    repo.commit('glossary prompt')
    const r = await piped(['generate', '--dry-run', '--engine', 'native', '-C', repo.root])
    expect(r.code).toBe(0)
    const lines = r.stderr.split('\n').filter((l) => l.trim() !== '')
    const twice = lines.filter((l, i) => lines.indexOf(l) !== i)
    expect(twice).toEqual([])
    expect(lines.filter((l) => l.includes('has never been committed'))).toEqual([
      'docs/glossary.md has never been committed; the full current sources will be shown'
    ])
    // without credentials, one short line says how tokens are estimated
    const estimate = lines.filter((l) => /estimated from characters/.test(l))
    expect(estimate).toHaveLength(1)
    expect(estimate[0].length).toBeLessThan(120)
  })
})

describe('--help in aligned columns', () => {
  const COLUMN = 30
  it.each([
    [['--help']],
    [['validate', '--help']],
    [['generate', '--help']],
    [['pack', '--help']],
    [['sync', '--help']],
    [['hook', '--help']]
  ])('%j: every description starts in one column', async (args) => {
    const r = await piped(args)
    expect(r.code).toBe(0)
    const lines = r.stdout.split('\n')
    let rows = 0
    let inTable = false
    for (const [i, line] of lines.entries()) {
      if (/^(Commands|Options):$/.test(line)) {
        inTable = true
        continue
      }
      if (line === '') inTable = false
      if (!inTable) continue
      rows += 1
      if (/^ {30}\S/.test(line)) continue // a description's next line
      const row = /^( {2}\S(?:\S| (?! ))*)( {2,})(\S.*)$/.exec(line)
      if (row) expect(`${row[1]}${row[2]}`.length).toBe(COLUMN)
      else {
        // a name too long for the column: its description on the next line
        expect(line).toMatch(/^ {2}\S/)
        expect(lines[i + 1]).toMatch(/^ {30}\S/)
      }
    }
    expect(rows).toBeGreaterThanOrEqual(2)
  })
})

/** What the action would say, and the CLI never may. */
const ACTION_WORDS = /the `[a-z-]+` input|`[a-z-]+: [^`]*`|actions\/checkout|working-directory|GITHUB_/

describe("advice in the CLI's own terms", () => {
  let repo: TestRepo
  afterEach(() => repo?.cleanup())

  it('a folder that does not exist: -C, not working-directory or actions/checkout', async () => {
    repo = exampleRepo()
    const r = await piped(['validate', '-C', join(repo.root, 'nope')])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('-C')
    expect(r.stderr).not.toMatch(ACTION_WORDS)
  })

  it('a subfolder of a pipeline: names -C with the pipeline folder', async () => {
    repo = exampleRepo()
    const r = await piped(['validate', '-C', repo.path('sources')])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`-C ${repo.root}`)
    expect(r.stderr).not.toMatch(ACTION_WORDS)
  })

  it('a prompt dvc.yaml lacks: the reason says to run graft-action generate, not the action', async () => {
    repo = exampleRepo()
    repo.write({ 'docs/glossary.prompt.md': '---\ndeps:\n  - sources/api.md\n---\nWrite a glossary.\n' })
    const r = await piped(['validate', '--engine', 'native', '-C', repo.root])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('dvc.yaml has no stage glossary for docs/glossary.prompt.md; run graft-action generate')
    expect(r.stdout + r.stderr).not.toMatch(/the action's/)
    expect(r.stdout + r.stderr).not.toMatch(ACTION_WORDS)
  })

  it('--hand-edits fail: names --hand-edits keep and regenerate', async () => {
    repo = exampleRepo()
    repo.write({ 'docs/overview.md': `${repo.read('docs/overview.md')}\nA hand edit.\n` })
    const r = await piped(['validate', '--engine', 'native', '--hand-edits', 'fail', '-C', repo.root])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('--hand-edits keep')
    expect(r.stderr).toContain('--hand-edits regenerate')
    expect(r.stderr).not.toMatch(ACTION_WORDS)
  })

  it('over budget: names --max-documents and targets as arguments', async () => {
    repo = staleRepo()
    const bedrock = await new BedrockServer().start()
    const env = bedrockTestEnv(bedrock.url)
    try {
      const before = repo.snapshot()
      const r = await piped(['generate', '--engine', 'native', '--max-documents', '2', '-C', repo.root], env)
      expect(r.code).toBe(1)
      expect(r.stderr).toContain('over --max-documents (2)')
      expect(r.stderr).toContain('targets (output paths or stage names after the command)')
      expect(r.stderr).not.toMatch(ACTION_WORDS)
      expect(repo.snapshot()).toEqual(before)
    } finally {
      await bedrock.close()
      rmSync(env.HOME, { recursive: true, force: true })
    }
  })

  it('a shallow clone whose history cannot be fetched: git fetch --unshallow, not fetch-depth', async () => {
    const source = staleRepo()
    const parent = mkdtempSync(join(tmpdir(), 'graft-shallow-'))
    try {
      const clone = join(parent, 'clone')
      execFileSync('git', ['clone', '-q', '--depth', '1', `file://${source.root}`, clone], { env: cleanEnv() })
      execFileSync('git', ['remote', 'set-url', 'origin', join(parent, 'gone')], { cwd: clone })
      const r = await piped(['generate', '--dry-run', '--engine', 'native', '-C', clone])
      expect(r.code).toBe(0)
      expect(r.stderr).toContain('git fetch --unshallow')
      expect(r.stderr).not.toMatch(ACTION_WORDS)
    } finally {
      source.cleanup()
      rmSync(parent, { recursive: true, force: true })
    }
  })
})

describe('hook install: a hook that finds graft-action where it is when it runs', () => {
  let parent: string
  let repo: TestRepo
  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), 'graft-hook-'))
    const example = exampleRepo()
    cpSync(example.root, join(parent, 'clone'), { recursive: true })
    example.cleanup()
    repo = new TestRepo(join(parent, 'clone'))
    repo.write({ '.gitignore': 'node_modules/\n' })
    repo.commit('ignore node_modules')
  })
  afterEach(() => rmSync(parent, { recursive: true, force: true }))

  /** Commits a source change that leaves documents stale, in `root`, with `env`. */
  function commitStale(root: string, env: NodeJS.ProcessEnv): Promise<Run> {
    const r = new TestRepo(root)
    r.write({ 'sources/changelog.md': `${r.read('sources/changelog.md')}\n## 2.4.0\n- cancel\n` })
    r.git('add', '-A')
    return run('git', ['commit', '-q', '-m', 'changelog'], env, root)
  }

  /** A copy of the CLI bundle at `dir` (dist/cli holds the entry, its chunks and package.json). */
  function copyCli(dir: string): string {
    cpSync(join(PROJECT_ROOT, 'dist/cli'), dir, { recursive: true })
    return join(dir, 'index.js')
  }

  it("the repository's own copy, found relative to the clone: still works after the clone moves; the message names a command that runs", async () => {
    const own = copyCli(repo.path('node_modules/graft-action/dist/cli'))
    const install = await run(BUNDLE_NODE, [own, 'hook', 'install', '-C', repo.root], cleanEnv())
    expect(install.code).toBe(0)
    // the command it names runs as printed, and passes on the clean clone
    const named = /Run the same check now with: (.+)$/m.exec(install.stdout)?.[1]
    expect(named).toBeDefined()
    expect(named).toContain('validate --fail-on-stale')
    expect((await run('sh', ['-c', named!], cleanEnv(), repo.root)).code).toBe(0)

    const moved = join(parent, 'moved')
    renameSync(repo.root, moved)
    expect(existsSync(own)).toBe(false)
    const blocked = await commitStale(moved, cleanEnv())
    expect(blocked.code).not.toBe(0)
    expect(blocked.stdout + blocked.stderr).toContain('docs/release-notes.md')
    expect(blocked.stderr).toContain(`${moved}/node_modules/graft-action/dist/cli/index.js generate -C ${moved}`)
  }, 120_000)

  it('graft-action on PATH comes first', async () => {
    const bin = join(parent, 'bin')
    mkdirSync(bin)
    const used = join(parent, 'used')
    writeFileSync(
      join(bin, 'graft-action'),
      `#!/bin/sh\ntouch ${quote(used)}\nexec ${quote(BUNDLE_NODE)} ${quote(CLI)} "$@"\n`
    )
    chmodSync(join(bin, 'graft-action'), 0o755)
    const env = cleanEnv({ PATH: `${bin}:${process.env.PATH}` })
    const install = await run(BUNDLE_NODE, [CLI, 'hook', 'install', '-C', repo.root], env)
    expect(install.stdout).toContain(
      `Run the same check now with: graft-action validate --fail-on-stale -C ${repo.root}`
    )
    const blocked = await commitStale(repo.root, env)
    expect(blocked.code).not.toBe(0)
    expect(existsSync(used)).toBe(true)
    expect(blocked.stderr).toContain('Regenerate with "graft-action generate')
  }, 120_000)

  it('no node on PATH: the hook runs the CLI with the Node that installed it', async () => {
    const bin = join(parent, 'bin')
    mkdirSync(bin)
    symlinkSync(execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim(), join(bin, 'git'))
    expect((await run(BUNDLE_NODE, [CLI, 'hook', 'install', '-C', repo.root], cleanEnv())).code).toBe(0)
    const blocked = await commitStale(repo.root, cleanEnv({ PATH: bin }))
    expect(blocked.code).not.toBe(0)
    expect(blocked.stdout + blocked.stderr).toContain('docs/release-notes.md')
  }, 120_000)

  it('nothing found: the commit is blocked with what to do', async () => {
    const elsewhere = copyCli(join(parent, 'elsewhere'))
    expect((await run(BUNDLE_NODE, [elsewhere, 'hook', 'install', '-C', repo.root], cleanEnv())).code).toBe(0)
    rmSync(join(parent, 'elsewhere'), { recursive: true, force: true })
    const head = repo.head()
    const blocked = await commitStale(repo.root, cleanEnv())
    expect(blocked.code).not.toBe(0)
    expect(blocked.stderr).toContain('cannot find graft-action')
    expect(blocked.stderr).toContain('git commit --no-verify')
    expect(repo.head()).toBe(head)
    expect(readFileSync(repo.path('.git/hooks/pre-commit'), 'utf8')).toContain('node_modules/graft-action')
  })
})
