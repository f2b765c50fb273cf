// Work given up at its time limit that cannot be stopped from here: a
// credential_process the AWS SDK started (it keeps the child and its pipes), a
// socket a provider keeps open. Either would keep Node running after the run is
// over — until the job's timeout, for a helper that never returns — so the
// adapters end the process once their run is done when anything was abandoned.
let abandoned = 0

/** Records work left running past its time limit. */
export function abandonWork(): void {
  abandoned++
}

/** Whether any work was left running past its time limit. */
export function workAbandoned(): boolean {
  return abandoned > 0
}
