// Before the first model call: everything that could make the final write
// fail is checked, so a refusal never comes after money was spent. Every
// output of the plan must be writable as a file (not a folder, not under a
// file, not through a symlink that leaves the repository or enters .git/,
// .github/, .dvc/), and dvc.yaml and dvc.lock must be plain files.
import { type Problem, throwIfProblems } from '../errors.js'
import { PIPELINE_FILES, showPath } from '../repo/names.js'
import { RepoPathChecker } from '../repo/resolver.js'
import type { PlannedDocument } from './plan.js'

/**
 * Checks the plan's writes against the file system as it is now.
 * @throws GraftError listing every problem, each naming the prompt (or pipeline file) to fix.
 */
export function preflight(root: string, plan: readonly PlannedDocument[]): void {
  const paths = new RepoPathChecker(root)
  const problems: Problem[] = []
  for (const file of PIPELINE_FILES) {
    const problem = paths.check(file, 'pipeline')
    if (problem)
      problems.push({
        file,
        message: `cannot write ${file}: ${problem}`,
        hint: `make ${file} a plain file (git rm the symlink and commit the real file)`
      })
  }
  for (const doc of plan) {
    for (const out of doc.stage.outs) {
      const problem = paths.check(out.path, 'output')
      if (problem) {
        problems.push({
          file: doc.prompt.path,
          message: `cannot write ${showPath(out.path)}: ${problem}`,
          hint: 'point `out` at a file path inside the repository (not a folder, not under a file, not through a symlink), or fix the file system'
        })
      }
    }
  }
  throwIfProblems(problems)
}
