// generate in a shallow clone (issue 10 §3), through dist/generate with real
// git, a bare origin and the loopback Bedrock: the history every baseline
// needs is fetched once per run, before documents are packed in parallel, so
// a depth-1 clone sends the model exactly what a full clone sends, every time;
// the fetch carries the action's token (a private repository checked out with
// persist-credentials: false), and a fetch that fails is logged with git's words.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile, execFileSync } from 'node:child_process'
import { promisify } from 'node:util'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { runAction, type ActionRun } from '../support/action-runner.js'
import { BedrockServer, bedrockTestEnv, reply } from '../support/bedrock-server.js'
import { GitHttpServer } from '../support/git-http-server.js'
import { buildGraftRepo, dvcCommit, graftStages, outputText } from '../support/graft-repo.js'
import { GIT_ENV, TestRepo } from '../support/repo.js'
import { scratchDir } from '../support/scratch.js'

const TOKEN = 'ghs_LoopbackPrivateRepoToken0123456789'
const NAMES = ['alpha', 'beta', 'gamma', 'delta']

/**
 * Four independent documents whose baselines lie at different depths below
 * HEAD: alpha at the first commit (65 commits down), beta one commit later,
 * gamma and delta regenerated after 55 more commits. Then every source changes.
 * A depth-1 clone needs --deepen=50 and more to prove alpha's and beta's.
 */
function buildHistory(): { repo: TestRepo; baselines: Record<string, string> } {
  const repo = buildGraftRepo({
    sources: Object.fromEntries(NAMES.map((n) => [`sources/${n}.md`, `${n} source, first version\n`])),
    prompts: NAMES.map((n) => ({
      path: `docs/${n}.prompt.md`,
      deps: [`sources/${n}.md`],
      body: `Write the ${n} page.\n`
    }))
  })
  const baselines: Record<string, string> = { alpha: repo.head() }
  const stages = graftStages(NAMES.map((n) => ({ path: `docs/${n}.prompt.md`, deps: [`sources/${n}.md`], body: '' })))
  const regenerate = (name: string): string => {
    const header = outputText(stages.find((s) => s.name === name)!).split('\n')[0]
    repo.write({
      [`sources/${name}.md`]: `${name} source, second version\n`,
      [`docs/${name}.md`]: `${header}\n# ${name}\n\nSecond rendering.\n`
    })
    dvcCommit(repo, [name])
    return repo.commit(`regenerate ${name}`)
  }
  const noise = (count: number): void => {
    for (let i = 0; i < count; i++) repo.git('commit', '-q', '--allow-empty', '-m', `unrelated ${i}`)
  }
  baselines.beta = regenerate('beta')
  noise(55)
  baselines.gamma = regenerate('gamma')
  noise(3)
  baselines.delta = regenerate('delta')
  noise(2)
  for (const n of NAMES) repo.write({ [`sources/${n}.md`]: `${n} source, third version: CHANGED-${n.toUpperCase()}\n` })
  repo.commit('every source changes')
  noise(1)
  return { repo, baselines }
}

const run = promisify(execFile)

/**
 * A clone of `url`: full, or `--depth 1`; no credentials persisted in it
 * (persist-credentials: false). Asynchronous: the loopback git host answers
 * from this process.
 */
async function cloneOf(url: string, depth?: number, header?: string): Promise<TestRepo> {
  const dir = scratchDir('graft-shallow')
  const args = [
    ...(header ? ['-c', `http.extraheader=${header}`] : []),
    'clone',
    '-q',
    ...(depth ? ['--depth', String(depth)] : []),
    url,
    dir
  ]
  await run('git', args, { env: { ...process.env, ...GIT_ENV } })
  const clone = new TestRepo(dir)
  clone.git('config', 'user.name', 'Dev')
  clone.git('config', 'user.email', 'dev@example.com')
  return clone
}

/** The document a request is for, from the prompt body it carries. */
function documentOf(prompt: string): string {
  const name = NAMES.find((n) => prompt.includes(`Write the ${n} page.`))
  if (!name) throw new Error(`a prompt for no known document:\n${prompt}`)
  return name
}

/** The run's log without its ::add-mask:: commands (the runner hides what they name). */
const unmasked = (run: ActionRun): string =>
  (run.stdout + run.stderr)
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n')

const actionLine = (prompt: string): string => /- Action required: (\w+)/.exec(prompt)?.[1] ?? 'none'

describe('generate in a shallow clone', () => {
  let repo: TestRepo
  let baselines: Record<string, string>
  let projectRoot: string
  let bedrock: BedrockServer
  let env: Record<string, string>
  /** document → the prompt the model received when generating in a full clone */
  let reference: Map<string, string>

  /** generate in `clone` with concurrency 4; the prompts the model received, by document. */
  const generateIn = async (
    clone: TestRepo,
    inputs: Record<string, string> = {}
  ): Promise<{ run: ActionRun; prompts: Map<string, string> }> => {
    const first = bedrock.requests.length
    const run = await runAction('generate', {
      workspace: clone.root,
      inputs: { engine: 'native', push: 'false', cache: 'false', concurrency: '4', token: TOKEN, ...inputs },
      env
    })
    const prompts = new Map<string, string>()
    for (const r of bedrock.requests.slice(first)) {
      const text: string = r.body.messages[0].content[0].text
      prompts.set(documentOf(text), text)
    }
    return { run, prompts }
  }

  beforeAll(async () => {
    ;({ repo, baselines } = buildHistory())
    projectRoot = scratchDir('graft-git-host')
    execFileSync('git', ['clone', '-q', '--bare', repo.root, join(projectRoot, 'docs.git')])
    bedrock = await new BedrockServer().start()
    bedrock.onRequest((req) =>
      reply.document(`# ${documentOf(req.body.messages[0].content[0].text)}\n\nThird rendering.\n`)
    )
    env = bedrockTestEnv(bedrock.url)
    const full = await cloneOf(`file://${join(projectRoot, 'docs.git')}`)
    try {
      const { run, prompts } = await generateIn(full)
      expect(run.code).toBe(0)
      reference = prompts
    } finally {
      full.cleanup()
    }
  }, 120_000)

  afterAll(async () => {
    await bedrock?.close()
    repo?.cleanup()
    if (projectRoot) rmSync(projectRoot, { recursive: true, force: true })
  })

  it('the full clone diffs each document against its own baseline (the reference the shallow runs must equal)', () => {
    expect([...reference.keys()].sort()).toEqual([...NAMES].sort())
    for (const n of NAMES) {
      const prompt = reference.get(n)!
      expect(actionLine(prompt)).toBe('UPDATE')
      // the change since the document's own baseline: alpha from its first version, the others from their second
      expect(prompt).toContain(`-${n} source, ${n === 'alpha' ? 'first' : 'second'} version`)
      expect(prompt).toContain(`+${n} source, third version: CHANGED-${n.toUpperCase()}`)
    }
    // the baselines lie at the depths the scenario needs
    expect(repo.git('rev-list', '--count', `${baselines.alpha}..HEAD`).trim()).toBe('65')
    expect(repo.git('rev-list', '--count', `${baselines.delta}..HEAD`).trim()).toBe('4')
  })

  it('a depth-1 clone, four documents, concurrency 4: the same baselines and directives as the full clone, on each of 20 runs', async () => {
    const url = `file://${join(projectRoot, 'docs.git')}`
    for (let i = 1; i <= 20; i++) {
      const clone = await cloneOf(url, 1)
      try {
        expect(clone.git('rev-parse', '--is-shallow-repository').trim()).toBe('true')
        const { run, prompts } = await generateIn(clone)
        expect({ repetition: i, code: run.code }).toEqual({ repetition: i, code: 0 })
        // byte for byte what the full clone sent: same baseline, same diff, same directive
        expect({ repetition: i, prompts: Object.fromEntries(prompts) }).toEqual({
          repetition: i,
          prompts: Object.fromEntries(reference)
        })
        // fetched once per run, before the parallel work: one line per deepening step, none failed
        expect(run.stdout.match(/Shallow clone: the baseline of/g)).toHaveLength(2)
        expect(run.stdout).not.toMatch(/could not fetch more history|shallow\.lock|is not available/)
      } finally {
        clone.cleanup()
      }
    }
  }, 400_000)

  describe('a private repository over HTTP, checked out with persist-credentials: false', () => {
    let host: GitHttpServer
    let clone: TestRepo
    beforeAll(async () => {
      host = await new GitHttpServer(projectRoot, TOKEN).start()
    })
    afterAll(async () => {
      await host.close()
    })
    const shallowPrivateClone = async (): Promise<TestRepo> => {
      const header = `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${TOKEN}`).toString('base64')}`
      const c = await cloneOf(`${host.url}docs.git`, 1, header)
      // nothing persisted: git alone could not fetch from this host
      expect(c.git('config', '--list')).not.toMatch(/extraheader/i)
      await expect(
        run('git', ['fetch', '-q', '--deepen=1', 'origin'], {
          cwd: c.root,
          env: { ...process.env, GIT_TERMINAL_PROMPT: '0' }
        })
      ).rejects.toThrow(/could not read Username/)
      return c
    }

    it("fetches the history with the action's token, and the model sees what a full clone shows it", async () => {
      clone = await shallowPrivateClone()
      try {
        const before = host.requests.length
        const { run, prompts } = await generateIn(clone)
        expect(run.code).toBe(0)
        expect(Object.fromEntries(prompts)).toEqual(Object.fromEntries(reference))
        const fetches = host.requests.slice(before)
        expect(fetches.length).toBeGreaterThan(0)
        const basic = `basic ${Buffer.from(`x-access-token:${TOKEN}`).toString('base64')}`
        for (const r of fetches) expect(r.authorization).toEqual([basic])
        // the token is in no log line and not left in the clone's config
        expect(unmasked(run)).not.toContain(TOKEN)
        expect(clone.git('config', '--list')).not.toMatch(/extraheader/i)
      } finally {
        clone.cleanup()
      }
    }, 120_000)

    it("a fetch the host refuses is logged with git's message; the run goes on with the full current sources", async () => {
      clone = await shallowPrivateClone()
      try {
        const { run, prompts } = await generateIn(clone, { token: 'ghs_NotTheRightToken' })
        expect(run.code).toBe(0)
        // git's own message, once for the run
        const warnings = run.stdout.split('\n').filter((l) => l.includes('could not fetch more history'))
        expect(warnings).toHaveLength(1)
        expect(warnings[0]).toMatch(
          /^::warning::Shallow clone: could not fetch more history \(git fetch --deepen=50 origin\): .*The requested URL returned error: 403/
        )
        expect(warnings[0]).toContain('4 document(s): ')
        expect(warnings[0]).toContain('fetch-depth: 0')
        expect(unmasked(run)).not.toContain('ghs_NotTheRightToken')
        // no baseline, never the edge commit: each document gets its full current sources
        for (const n of NAMES) {
          const prompt = prompts.get(n)!
          expect(prompt).not.toContain(`-${n} source`)
          expect(prompt).toContain(`CHANGED-${n.toUpperCase()}`)
        }
        expect(clone.git('rev-parse', '--is-shallow-repository').trim()).toBe('true')
      } finally {
        clone.cleanup()
      }
    }, 120_000)
  })
})
