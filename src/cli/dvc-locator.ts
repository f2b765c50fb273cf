// The CLI never installs DVC: it uses the one on PATH, or says how to get it.
import { GraftError } from '../core/errors.js'
import { DEFAULT_DVC_VERSION } from '../core/defaults.js'
import { which } from '../core/io/which.js'
import type { DvcLocator } from '../core/validate/validate.js'

export const dvcOnPath: DvcLocator = {
  find: async () => which('dvc'),
  install: async (): Promise<string> => {
    throw new GraftError({
      message: 'dvc is not on PATH',
      hint: `pip install "dvc==${DEFAULT_DVC_VERSION}", or use --engine native`
    })
  }
}
