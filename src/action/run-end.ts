// The end of a run. A call the action gave up on (a cache call past its time
// limit) keeps its socket or retry timer, which would keep Node running after
// the work is done — until the job's timeout, for a service that never
// answers. endRun() ends the process then, with the exit code the run set.
// Outputs and the summary are written by then (their writes are awaited), and
// the log is written synchronously. No dependencies: the validate entry stays
// free of the cache client.
let abandoned = 0

/** Records a call left running past its time limit. */
export function abandonedCall(): void {
  abandoned++
}

export function endRun(): void {
  if (abandoned > 0) process.exit(process.exitCode ?? 0)
}
