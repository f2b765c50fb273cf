// The validate step: inputs → core validate → outputs, summary, annotations.
import * as core from '@actions/core'
import { documentsChecked, validate, type ValidationReport } from '../core/validate/validate.js'
import { which } from '../core/io/which.js'
import { validateSummary } from './markdown.js'
import type { ValidateInputs } from './inputs.js'
import {
  ANNOTATIONS_PER_STEP,
  actionLog,
  annotateAll,
  reportLeftStale,
  setStaleOutputs,
  writeSummary
} from './report.js'
import { leftStale } from '../core/generate/left-stale.js'
import { escapeLog } from '../core/log.js'

/**
 * Validates and reports. `report: false` (the re-check after a rebase) only
 * validates: the step's outputs and summary keep describing the run's start.
 */
export async function runValidate(
  inputs: ValidateInputs,
  options: {
    report: boolean
    /** report what is stale outside the targets (generate reports it after its run instead) */ leftStale?: boolean
  } = { report: true }
): Promise<ValidationReport> {
  const report = await validate({
    root: inputs.root,
    engine: inputs.engine,
    targets: inputs.targets,
    downstream: inputs.downstream,
    handEdits: inputs.handEdits,
    log: actionLog,
    dvc: {
      find: async () => which('dvc'),
      // loaded on demand: the DVC installer and the cache client it uses (@actions/cache and its
      // Azure storage dependencies) are most of the bundle, and the native engine needs neither
      install: async () =>
        (await import('./dvc-setup.js')).ensureDvc({ version: inputs.dvcVersion, useCache: inputs.cache })
    }
  })
  if (!options.report) return report
  annotateAll(
    'notice',
    report.notices.map((n) => ({
      message: `${n.message}\nWhat to do: ${n.hint}`,
      where: { file: n.file, line: n.line, title: 'graft-action' }
    })),
    (n) => ({
      message: `${n} more notice(s) are not shown as annotations (GitHub shows ${ANNOTATIONS_PER_STEP} per step): this step's log lists them`,
      title: 'graft-action'
    })
  )
  setStaleOutputs(report.stale)
  annotateAll(
    'notice',
    report.stale.map((d) => ({
      message: `${d.outputs.join(', ')} is stale: ${d.reasons.map((r) => r.text).join('; ')}`,
      where: { file: d.at?.file ?? d.prompt, line: d.at?.line, title: 'Stale generated document' }
    })),
    (n) => ({
      message: `${n} more stale generated documents are not shown as annotations (GitHub shows ${ANNOTATIONS_PER_STEP} per step): this step's log and the job summary list them`,
      title: 'Stale generated documents'
    })
  )
  await writeSummary(
    validateSummary({
      stale: report.stale,
      engine: report.engine,
      checked: documentsChecked(report),
      targeted: report.explicitTargets
    })
  )
  if (options.leftStale ?? true) await reportLeftStale(leftStale(report, []), 'validate')
  return report
}

/** validate's own rule: fail the step after reporting when asked to. */
export function failIfStale(report: ValidationReport, failOnStale: boolean): void {
  if (failOnStale && report.stale.length > 0) {
    core.setFailed(
      escapeLog(
        `${report.stale.length} generated document(s) are stale: ${report.stale.flatMap((d) => d.outputs).join(', ')}. ` +
          'Regenerate them (graft-action generate, or `dvc repro`) and commit the result; where a notice says otherwise (a stage that is not a prompt, frozen or orphaned), do what it says.'
      )
    )
  }
}
