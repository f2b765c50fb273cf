// What every entry point of the action does before anything else: the core's
// messages in a workflow author's terms, a clear stop on a runner it does not
// support, and a warning for each input name that looks like a typo.
import * as core from '@actions/core'
import { usePhrasing } from '../core/phrasing.js'
import { unsupportedPlatform } from '../core/platform.js'
import { GraftError } from '../core/errors.js'
import { actionPhrasing } from './phrasing.js'
import { inputTypoWarnings } from './inputs.js'
import { reportFailure } from './report.js'

/** Prepares the run; false (the failure already reported) when it must not go on. */
export async function startAction(): Promise<boolean> {
  usePhrasing(actionPhrasing)
  try {
    const problem = unsupportedPlatform(process.platform, process.env.RUNNER_OS)
    if (problem) throw new GraftError(problem)
    for (const warning of inputTypoWarnings()) core.warning(warning)
    return true
  } catch (error) {
    await reportFailure(error)
    return false
  }
}
