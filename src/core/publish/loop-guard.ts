// The loop guard. A push made with a PAT starts a new workflow run; if the
// documents are still stale right after the bot's own regeneration, committing
// again would regenerate forever. The bot commit is recognised by its trailer,
// or (trailer lost in a squash or rewrite) by its author and subject.
import type { Git } from '../io/git.js'
import { GraftError, type Problem } from '../errors.js'
import type { Identity } from './commit.js'
import { GENERATED_BY_TRAILER, GENERATED_BY_VALUE, SUBJECT_PATTERN } from './message.js'

export async function isBotRegenerationCommit(git: Git, rev = 'HEAD', identity?: Identity): Promise<boolean> {
  const format = `%(trailers:key=${GENERATED_BY_TRAILER},valueonly,separator=%x01)%x00%an%x00%ae%x00%s`
  const r = await git.tryExec(['log', '-1', `--format=${format}`, rev, '--'])
  if (r.code !== 0 || r.stdout === '') return false
  const [trailers, name, email, subject] = r.stdout.replace(/\n$/, '').split('\0')
  if (trailers.split('\x01').some((v) => v.trim() === GENERATED_BY_VALUE)) return true
  const byBot = identity !== undefined && (name === identity.name || email === identity.email)
  return byBot && SUBJECT_PATTERN.test(subject)
}

export function loopGuardError(stale: string[]): GraftError {
  const summary: Problem = {
    message:
      `the last commit is graft-action's own regeneration, yet ${stale.length} document(s) are still stale; ` +
      'committing again would start a regeneration loop, so nothing was committed',
    hint:
      'check for a non-deterministic stage (a dvc.yaml cmd or dvc.lock entry that changes on every run, ' +
      'always_changed: true), or a dep that generation itself rewrites (an output listed as a dep of its own ' +
      'or an upstream stage); run `dvc status` after a local generate: it must report nothing'
  }
  const perFile: Problem[] = stale.map((file) => ({
    file,
    message: 'still stale right after the bot regenerated it',
    hint: 'see why with graft-action validate; its deps must not change when it is generated'
  }))
  return new GraftError([summary, ...perFile])
}
