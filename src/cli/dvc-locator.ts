// The CLI never installs DVC: it uses the one on PATH, or says how to get it.
import { GraftError } from '../core/errors.js'
import { DEFAULT_DVC_VERSION } from '../core/defaults.js'
import { foundOnlyInCheckout, inCheckoutProblem, which } from '../core/io/which.js'
import type { DvcLocator } from '../core/validate/validate.js'

export const dvcOnPath: DvcLocator = {
  find: async () => which('dvc'),
  install: async (): Promise<string> => {
    // on PATH, but only in the workspace a workflow checked out into (GITHUB_WORKSPACE): not "not on PATH"
    const planted = foundOnlyInCheckout('dvc')
    if (planted) throw inCheckoutProblem('dvc', planted)
    throw new GraftError({
      message: 'dvc is not on PATH',
      hint: `pip install "dvc==${DEFAULT_DVC_VERSION}", or use --engine native`
    })
  }
}
