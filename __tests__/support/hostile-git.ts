// A repository whose git configuration runs programs, as an earlier step of a
// workflow may leave it (husky's core.hooksPath into the work tree, an
// fsmonitor hook, filters and diff drivers), with those programs in the work
// tree — where a pull request can change them. Each program records that it
// ran, with its environment, in a marker folder outside the repository, and
// then behaves as its kind should (a filter passes text through, a fetch
// program runs the real one), so a run that did start one still works and the
// marker is the only sign.
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { TestRepo } from './repo.js'

/** Every hook name git knows (githooks(5)): all of them record and succeed. */
export const HOOK_NAMES = [
  'applypatch-msg',
  'pre-applypatch',
  'post-applypatch',
  'pre-commit',
  'pre-merge-commit',
  'prepare-commit-msg',
  'commit-msg',
  'post-commit',
  'pre-rebase',
  'post-checkout',
  'post-merge',
  'pre-push',
  'pre-receive',
  'update',
  'proc-receive',
  'post-receive',
  'post-update',
  'reference-transaction',
  'push-to-checkout',
  'pre-auto-gc',
  'post-rewrite',
  'sendemail-validate',
  'fsmonitor-watchman',
  'p4-changelist',
  'p4-prepare-changelist',
  'p4-post-changelist',
  'p4-pre-submit',
  'post-index-change'
]

/** A shell script that records its run (name, arguments, environment) under `markers`, then runs `then`. */
function recorder(markers: string, name: string, then: string): string {
  return ['#!/bin/sh', `echo "$0 $*" >> '${markers}/${name}'`, `env > '${markers}/${name}.env'`, then, ''].join('\n')
}

/**
 * Arms `repo` (a work tree with commits) with hooks and configured programs
 * that write into `markers` when git runs them. Programs live in `.git-tools/`
 * and hooks in `.githooks/` of the work tree; they are committed (and pushed
 * when `repo` has an origin) before the configuration points at them, so the
 * test's own git calls up to here run none. Call it last in the set-up.
 */
export function armHostileGitConfig(repo: TestRepo, markers: string): void {
  mkdirSync(markers, { recursive: true })
  const tools: Record<string, string> = {
    fsmonitor: 'exit 1',
    'diff-external': 'exit 0',
    'filter-clean': 'cat',
    'filter-smudge': 'cat',
    'filter-process': 'exit 1',
    textconv: 'cat "$1"',
    'diff-command': 'exit 0',
    'merge-driver': 'exit 0',
    'credential-helper': 'exit 0',
    'credential-helper-url': 'exit 0',
    'ssh-command': 'exit 1',
    askpass: 'echo x',
    pager: 'cat',
    editor: 'exit 0',
    'sequence-editor': 'exit 0',
    gpg: 'exit 1',
    'upload-pack': 'exec git-upload-pack "$@"',
    'receive-pack': 'exec git-receive-pack "$@"',
    'alternate-refs': 'exit 0',
    'git-proxy': 'exit 1'
  }
  for (const [name, then] of Object.entries(tools)) {
    repo.write({ [`.git-tools/${name}`]: recorder(markers, name, then) })
    chmodSync(repo.path(`.git-tools/${name}`), 0o755)
  }
  for (const hook of HOOK_NAMES) {
    repo.write({ [`.githooks/${hook}`]: recorder(markers, `hook-${hook}`, 'exit 0') })
    chmodSync(repo.path(`.githooks/${hook}`), 0o755)
  }
  // Attributes pick the drivers for every file; an included config file in the work tree adds more.
  repo.write({
    '.gitattributes': '* filter=evil diff=evil merge=evil\n',
    'evil.gitconfig': `[filter "included"]\n\tclean = ${repo.path('.git-tools/filter-clean')} included\n`
  })
  repo.commit('tools')
  if (repo.git('remote').includes('origin')) repo.git('push', '-q', 'origin', 'HEAD')
  const tool = (name: string): string => repo.path(`.git-tools/${name}`)
  const settings: Array<[string, string]> = [
    ['core.hooksPath', '.githooks'],
    ['core.fsmonitor', tool('fsmonitor')],
    ['diff.external', tool('diff-external')],
    ['filter.evil.clean', tool('filter-clean')],
    ['filter.evil.smudge', tool('filter-smudge')],
    ['filter.evil.process', tool('filter-process')],
    ['filter.evil.required', 'true'],
    ['diff.evil.textconv', tool('textconv')],
    ['diff.evil.command', tool('diff-command')],
    ['merge.evil.driver', `${tool('merge-driver')} %O %A %B`],
    ['credential.helper', tool('credential-helper')],
    ['credential.http://127.0.0.1.helper', tool('credential-helper-url')],
    ['core.sshCommand', tool('ssh-command')],
    ['core.askPass', tool('askpass')],
    ['core.pager', tool('pager')],
    ['core.editor', tool('editor')],
    ['sequence.editor', tool('sequence-editor')],
    ['gpg.program', tool('gpg')],
    ['commit.gpgSign', 'true'],
    ['log.showSignature', 'true'],
    ['remote.origin.uploadpack', tool('upload-pack')],
    ['remote.origin.receivepack', tool('receive-pack')],
    ['core.alternateRefsCommand', tool('alternate-refs')],
    ['core.gitProxy', tool('git-proxy')],
    ['gc.auto', '1'],
    ['include.path', '../evil.gitconfig']
  ]
  for (const [key, value] of settings) repo.git('config', '--add', key, value)
}

/** The programs that ran (the marker files), with their recorded environments. */
export function ranPrograms(markers: string): { name: string; env: string }[] {
  return readdirSync(markers)
    .filter((f) => !f.endsWith('.env'))
    .map((name) => {
      let env = ''
      try {
        env = readFileSync(join(markers, `${name}.env`), 'utf8')
      } catch {
        // the program recorded no environment
      }
      return { name, env }
    })
}

/** Writes `text` as an executable script. */
export function writeScript(path: string, text: string): void {
  writeFileSync(path, text)
  chmodSync(path, 0o755)
}
