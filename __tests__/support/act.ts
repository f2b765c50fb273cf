// Runs workflow files in a real GitHub Actions runtime: nektos/act in host
// mode (no Docker). The action under test (`owner/graft-action@v1` and its
// `/validate`, `/generate` sub-paths) is served from a copy of this working
// tree's action files and bundles; actions/checkout and
// aws-actions/configure-aws-credentials from the stand-ins in __tests__/act/.
// git reaches "https://github.com/<repository>" through url.<bare>.insteadOf,
// Bedrock and the GitHub API are the loopback servers. act's own cache server
// backs @actions/cache, so a render-cache hit can be seen.
import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { PROJECT_ROOT } from './action-runner.js'
import { scratchDir } from './scratch.js'

/** The act release the suite runs (the same `go install` line as .ci/run). */
export const ACT_VERSION = 'v0.2.89'
export const ACT_BIN = process.env.GRAFT_ACT_BIN || join(PROJECT_ROOT, '.tools', 'bin', 'act')

/** The majors the example workflows use, each mapped to its stand-in. */
export const CHECKOUT = 'actions/checkout@v7'
export const AWS_CREDENTIALS = 'aws-actions/configure-aws-credentials@v6'
export const APP_TOKEN = 'actions/create-github-app-token@v3'
export const STANDINS = join(PROJECT_ROOT, '__tests__', 'act', 'standins')

export const TOKEN = 'ghs_actSuiteToken0123456789abcdef'
export const ROLE_ARN = 'arn:aws:iam::123456789012:role/graft-docs'

/** One line of act's --json log. */
export interface ActLogLine {
  msg?: string
  job?: string
  jobID?: string
  step?: string
  stepID?: string[]
  stage?: string
  stepResult?: string
  jobResult?: string
  command?: string
  arg?: string
  name?: string
  raw_output?: boolean
  content?: string
  kvPairs?: Record<string, string>
}

export interface ActRun {
  code: number
  lines: ActLogLine[]
  /** everything act printed, for failure messages */
  text: string
  /** jobID → success | failure; a job whose `if:` was false is absent */
  jobs: Record<string, string>
  /** `<jobID>.<step id>` → output name → value, from the set-output commands act logs */
  outputs: Record<string, Record<string, string>>
  /** workflow commands by kind (notice, warning, error), message text */
  annotations: { command: string; job: string; text: string }[]
  /** what the steps printed (raw output lines), in order */
  log: string
}

export interface ActRunOptions {
  /** the workflow file to run */
  workflow: string
  event: 'pull_request' | 'push' | 'workflow_dispatch'
  payload: Record<string, unknown>
  /** github.sha */
  sha: string
  /** the bare repository that stands for https://github.com/<repository> */
  origin: string
  repository?: string
  secrets?: Record<string, string>
  /** workflow_dispatch inputs */
  inputs?: Record<string, string>
  job?: string
  /** configuration variables (`vars.*`) */
  vars?: Record<string, string>
  /** extra environment of the runner process (e.g. the Bedrock endpoint) */
  env?: Record<string, string>
  /** GITHUB_API_URL the steps see (the loopback GitHub server) */
  githubApiUrl?: string
  /** act's cache server storage; runs sharing it share the Actions cache */
  cacheDir?: string
  /** the runner user's home (runs that share the Actions cache share it too, as one runner would) */
  home?: string
  /** where `owner/graft-action@v1` is served from (default: actionPackage()) */
  actionDir?: string
  /** act's working directory (where it reads `uses: ./` actions); default: an empty folder */
  workdir?: string
  /** extra --local-repository mappings: `owner/name@ref` → folder */
  localRepositories?: Record<string, string>
}

let packageDir: string | undefined

/**
 * The files a release of the action holds that the runtime reads: the three
 * action.yml files and dist/. Copied once per test file, so act serves (and
 * tars) a few MB instead of the whole working tree with node_modules.
 */
export function actionPackage(): string {
  if (packageDir) return packageDir
  const dir = scratchDir('graft-act-action')
  for (const part of ['action.yml', 'validate/action.yml', 'generate/action.yml', 'dist']) {
    cpSync(join(PROJECT_ROOT, part), join(dir, part), { recursive: true })
  }
  packageDir = dir
  return dir
}

/** Fails with the install command when act is missing (no silent skip). */
export function requireAct(): void {
  if (!existsSync(ACT_BIN)) {
    throw new Error(
      `nektos/act is not installed at ${ACT_BIN}: run ` +
        `\`GOBIN=$PWD/.tools/bin go install github.com/nektos/act@${ACT_VERSION}\` (bash .ci/run does this)`
    )
  }
}

/** Runs one workflow event through act and parses its --json log. */
export function runAct(o: ActRunOptions): Promise<ActRun> {
  requireAct()
  const repository = o.repository ?? 'acme/docs'
  const scratch = scratchDir('graft-act-run')
  const home = o.home ?? join(scratch, 'home')
  const work = join(scratch, 'work')
  mkdirSync(home, { recursive: true })
  mkdirSync(work)
  const eventPath = join(scratch, 'event.json')
  writeFileSync(eventPath, JSON.stringify(o.payload))
  // The runner's global git config: the repository's URL leads to the bare origin.
  const gitconfig = join(scratch, 'gitconfig')
  writeFileSync(
    gitconfig,
    `[url "${o.origin}"]\n\tinsteadOf = https://github.com/${repository}\n[init]\n\tdefaultBranch = main\n`
  )

  const args = [
    o.event,
    '--json',
    '-W',
    o.workflow,
    '-C',
    o.workdir ?? work,
    '-e',
    eventPath,
    '-P',
    'ubuntu-latest=-self-hosted',
    '--no-skip-checkout',
    '--local-repository',
    `owner/graft-action@v1=${o.actionDir ?? actionPackage()}`,
    '--local-repository',
    `${CHECKOUT}=${join(STANDINS, 'checkout')}`,
    '--local-repository',
    `${AWS_CREDENTIALS}=${join(STANDINS, 'configure-aws-credentials')}`,
    '--local-repository',
    `${APP_TOKEN}=${join(STANDINS, 'create-github-app-token')}`,
    '--env',
    `GITHUB_REPOSITORY=${repository}`,
    '--env',
    `SHA_REF=${o.sha}`,
    '-s',
    `GITHUB_TOKEN=${TOKEN}`,
    '--cache-server-addr',
    '127.0.0.1',
    '--cache-server-path',
    o.cacheDir ?? join(scratch, 'cache'),
    '--action-cache-path',
    join(scratch, 'actions'),
    '--secret-file',
    join(scratch, 'none.secrets'),
    '--var-file',
    join(scratch, 'none.vars'),
    '--env-file',
    join(scratch, 'none.env'),
    '--input-file',
    join(scratch, 'none.input')
  ]
  for (const [k, v] of Object.entries(o.localRepositories ?? {})) args.push('--local-repository', `${k}=${v}`)
  for (const [k, v] of Object.entries(o.secrets ?? {})) args.push('-s', `${k}=${v}`)
  for (const [k, v] of Object.entries(o.vars ?? {})) args.push('--var', `${k}=${v}`)
  for (const [k, v] of Object.entries(o.inputs ?? {})) args.push('--input', `${k}=${v}`)
  if (o.githubApiUrl) args.push('--env', `GITHUB_API_URL=${o.githubApiUrl}`)
  if (o.job) args.push('-j', o.job)

  // Host mode hands the runner's environment to every step: keep it to what a
  // hosted runner would have, plus the loopback endpoints. No AWS credentials:
  // only the credentials step may put them in place. No DVC either (a hosted
  // runner has none, so engine auto picks the native engine, as for users).
  const env: NodeJS.ProcessEnv = {
    PATH: (process.env.PATH ?? '')
      .split(delimiter)
      .filter((dir) => dir && !existsSync(join(dir, 'dvc')))
      .join(delimiter),
    HOME: home,
    // act's own temporary files and the steps' (host mode hands them this
    // environment): the test file's, so what they leave fails the file
    TMPDIR: tmpdir(),
    LANG: 'C.UTF-8',
    GIT_CONFIG_GLOBAL: gitconfig,
    GIT_CONFIG_NOSYSTEM: '1',
    AWS_EC2_METADATA_DISABLED: 'true',
    XDG_CACHE_HOME: join(scratch, 'xdg-cache'),
    XDG_CONFIG_HOME: join(scratch, 'xdg-config'),
    ...o.env
  }

  return new Promise((resolve) => {
    execFile(ACT_BIN, args, { cwd: scratch, env, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
      rmSync(scratch, { recursive: true, force: true, maxRetries: 3 })
      resolve(parseActLog(code, `${stdout}\n${stderr}`))
    })
  })
}

export function parseActLog(code: number, text: string): ActRun {
  const lines: ActLogLine[] = []
  for (const raw of text.split('\n')) {
    if (!raw.startsWith('{')) continue
    try {
      lines.push(JSON.parse(raw) as ActLogLine)
    } catch {
      // a step's output that happens to start with "{" on a non-JSON line
    }
  }
  const jobs: Record<string, string> = {}
  const outputs: Record<string, Record<string, string>> = {}
  const annotations: ActRun['annotations'] = []
  const log: string[] = []
  for (const l of lines) {
    if (l.jobResult && l.jobID) jobs[l.jobID] = l.jobResult
    if (l.command === 'set-output' && l.name !== undefined && l.jobID && l.stepID) {
      const key = `${l.jobID}.${l.stepID[0]}`
      outputs[key] ??= {}
      outputs[key][l.name] = l.arg ?? ''
    }
    if ((l.command === 'notice' || l.command === 'warning' || l.command === 'error') && l.jobID) {
      annotations.push({ command: l.command, job: l.jobID, text: l.arg ?? '' })
    }
    if (l.raw_output && l.msg !== undefined) log.push(l.msg)
  }
  return { code, lines, text, jobs, outputs, annotations, log: log.join('\n') }
}

/** A short account of a run, for `expect(...)` failure messages. */
export function describeRun(run: ActRun): string {
  const errors = run.annotations.filter((a) => a.command === 'error').map((a) => `${a.job}: ${a.text}`)
  return `exit ${run.code}; jobs ${JSON.stringify(run.jobs)}; errors ${JSON.stringify(errors)}\n${run.text.slice(-4000)}`
}
