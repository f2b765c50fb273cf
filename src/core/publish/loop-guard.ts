// The loop guard. A push made with a token that starts workflows starts a new
// run; if a document the bot just regenerated is stale again right after its
// own commit, committing again would regenerate forever. The rule itself
// (which documents, never for `force` or a manual run) is policy.ts's
// `loopGuard`; this file reads the facts from HEAD: is it the bot's commit
// (the Generated-by trailer, or the bot identity — name and e-mail — whatever
// the subject), and which outputs did it change.
import type { Git } from '../io/git.js'
import { GraftError, type Problem } from '../errors.js'
import type { Identity } from './commit.js'
import { GENERATED_BY_TRAILER, GENERATED_BY_VALUE } from './message.js'
import { PIPELINE_FILES } from '../repo/names.js'
import type { BotCommitFacts } from './policy.js'

/** Reads HEAD (or `rev`): whether the bot made it, and the paths it changed below the working directory. */
export async function readBotCommit(git: Git, identity?: Identity, rev = 'HEAD'): Promise<BotCommitFacts> {
  const format = `%(trailers:key=${GENERATED_BY_TRAILER},valueonly,separator=%x01)%x00%an%x00%ae`
  const r = await git.tryExec(['log', '-1', `--format=${format}`, rev, '--'])
  if (r.code !== 0 || r.stdout === '') return { isBotCommit: false, regenerated: [] }
  const [trailers, name, email] = r.stdout.replace(/\n$/, '').split('\0')
  const byTrailer = trailers.split('\x01').some((v) => v.trim() === GENERATED_BY_VALUE)
  const byIdentity = identity !== undefined && name === identity.name && email === identity.email
  if (!byTrailer && !byIdentity) return { isBotCommit: false, regenerated: [] }
  // --relative: paths below the working directory, as the pipeline names its outputs
  const files = await git.exec(['diff-tree', '--root', '--no-commit-id', '--name-only', '-r', '-z', '--relative', rev])
  return { isBotCommit: true, regenerated: files.split('\0').filter((p) => p && !PIPELINE_FILES.has(p)) }
}

/** @deprecated kept for callers that only need the yes/no; prefer readBotCommit. */
export async function isBotRegenerationCommit(git: Git, rev = 'HEAD', identity?: Identity): Promise<boolean> {
  return (await readBotCommit(git, identity, rev)).isBotCommit
}

/** The loop guard's refusal, naming the documents the bot commit regenerated that are stale again. */
export function loopGuardError(stale: string[]): GraftError {
  const summary: Problem = {
    message:
      `the last commit is graft-action's own regeneration, yet ${stale.length} document(s) it regenerated are stale again; ` +
      'committing again would start a regeneration loop, so nothing was committed',
    hint:
      'check for a non-deterministic stage (a dvc.yaml cmd or dvc.lock entry that changes on every run, ' +
      'always_changed: true), or a dep that generation itself rewrites (an output listed as a dep of its own ' +
      'or an upstream stage); run `dvc status` after a local generate: it must report nothing. ' +
      'A manual run (workflow_dispatch) or `force: true` is never stopped by this guard'
  }
  const perFile: Problem[] = stale.map((file) => ({
    file,
    message: 'still stale right after the bot regenerated it',
    hint: 'see why with graft-action validate; its deps must not change when it is generated'
  }))
  return new GraftError([summary, ...perFile])
}
