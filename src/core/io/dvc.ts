// The one DVC runner: every `dvc` command the project makes (status, --version)
// goes through here. DVC runs on content a pull request shapes, so it gets
// - a time limit, named when it stops DVC (a dep that never ends reading, a
//   pipeline too large), with what to do;
// - an environment that holds no secret (io/env.ts: no token, no AWS keys, no
//   INPUT_* or ACTIONS_*: DVC needs none), with git's hooks and fsmonitor off
//   for any git DVC starts, no network (every proxy at a closed port) and no
//   cloud credentials of the runner's home (empty AWS, gcloud, Azure config);
// - its writable state outside the repository, in a scratch folder of the run
//   removed afterwards: the site cache (hash and index databases), the global
//   and system config folders (empty: the runner's own DVC config does not
//   apply), and the temp folder.
// What must hold inside the repository before DVC starts (`.dvc/`, vars and
// params files, dvc.yaml, dvc.lock) is the engine's to check: status/dvc.ts.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEFAULT_DVC_TIME_LIMIT_MINUTES } from '../defaults.js'
import { GraftError } from '../errors.js'
import { CommandTimeout, describeDuration, run, type RunResult } from './exec.js'
import { programEnv } from './env.js'
import { hardenedGitEnv } from './git.js'

export const DVC_INSTALL_HINT = 'install DVC 3 (pip install "dvc==3.*"), put it on PATH, or use engine "native"'

export interface DvcRunOptions {
  /** where DVC runs (the repository root) */
  cwd: string
  /** stop DVC after this long; default DEFAULT_DVC_TIME_LIMIT_MINUTES */
  timeoutMs?: number
}

/** Runs `dvc <args>`; resolves whatever the exit code (the caller reads DVC's failures). */
export async function runDvc(dvcPath: string, args: string[], options: DvcRunOptions): Promise<RunResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_DVC_TIME_LIMIT_MINUTES * 60_000
  const scratch = mkdtempSync(join(tmpdir(), 'graft-dvc-'))
  try {
    return await run(dvcPath, args, {
      cwd: options.cwd,
      env: dvcEnv(scratch, options.cwd),
      allowFailure: true,
      timeoutMs
    })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new GraftError({ message: `DVC was not found (${dvcPath})`, hint: DVC_INSTALL_HINT })
    }
    if (error instanceof CommandTimeout) {
      throw new GraftError({
        message: `dvc ${args[0]} did not finish within ${describeDuration(timeoutMs)} and was stopped`,
        hint:
          'a dep DVC reads may never end (a FIFO or device reached through a ${…} path), or the pipeline is very large: ' +
          `run \`dvc ${args.join(' ')}\` locally to see where it spends its time, or use engine "native"`
      })
    }
    throw error
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

/** `dvc --version`, e.g. "3.67.1". */
export async function dvcVersion(dvcPath = 'dvc'): Promise<string> {
  const result = await runDvc(dvcPath, ['--version'], { cwd: tmpdir(), timeoutMs: 60_000 })
  if (result.code !== 0) {
    const first = (result.stderr || result.stdout).trim().split('\n')[0] ?? ''
    throw new GraftError({ message: `${dvcPath} --version failed: ${first}`, hint: DVC_INSTALL_HINT })
  }
  return result.stdout.trim()
}

/** Every proxy variable at a port where nothing listens (discard), and no host exempt. */
const NO_NETWORK: NodeJS.ProcessEnv = Object.fromEntries(
  ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'all_proxy'].map((name) => [
    name,
    'http://127.0.0.1:9'
  ])
)

/** The allowlisted environment, with every folder DVC writes for itself inside `scratch`. */
function dvcEnv(scratch: string, cwd?: string): NodeJS.ProcessEnv {
  const dir = (name: string): string => {
    const path = join(scratch, name)
    mkdirSync(path)
    return path
  }
  const temp = dir('tmp')
  const none = join(scratch, 'none')
  writeFileSync(none, '')
  return programEnv(
    'dvc',
    {
      // `dvc status` needs no network: a dep a \${…} value turns into a URL reaches a closed port, and
      // finds no cloud credentials of the runner's home to sign a request with
      ...NO_NETWORK,
      AWS_CONFIG_FILE: none,
      AWS_SHARED_CREDENTIALS_FILE: none,
      AWS_EC2_METADATA_DISABLED: 'true',
      CLOUDSDK_CONFIG: dir('gcloud'),
      AZURE_CONFIG_DIR: dir('azure'),
      ...hardenedGitEnv(),
      DVC_NO_ANALYTICS: '1',
      // Python 3.11+ puts no folder of the working directory on its path
      PYTHONSAFEPATH: '1',
      // the updater (dvc version) checks nothing in CI
      CI: 'true',
      DVC_SITE_CACHE_DIR: dir('site-cache'),
      DVC_GLOBAL_CONFIG_DIR: dir('global-config'),
      DVC_SYSTEM_CONFIG_DIR: dir('system-config'),
      TMPDIR: temp,
      TEMP: temp,
      TMP: temp
    },
    process.env,
    cwd
  )
}
