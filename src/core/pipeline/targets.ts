// `targets` input: output paths or stage names, as a JSON array or a
// newline/comma list. A target that names nothing is an error.
import { GraftError } from '../errors.js'
import type { StageDef } from '../types.js'
import type { DownstreamPolicy } from '../settings.js'
import type { StageGraph } from './graph.js'

/**
 * The run's scope: the targets, and with `include` every stage downstream of
 * one (a document that reads a target's output, directly or not).
 */
export function scopeOf(targets: Set<string>, graph: StageGraph, policy: DownstreamPolicy): Set<string> {
  if (policy === 'report') return targets
  return new Set([...targets, ...graph.downstream(targets)])
}

export function parseTargetList(raw: string | undefined): string[] {
  const text = (raw ?? '').trim()
  if (text === '') return []
  if (text.startsWith('[')) {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch (e) {
      throw new GraftError({
        message: `targets is not a valid JSON array: ${(e as Error).message}`,
        hint: 'pass a JSON array of strings, or one target per line'
      })
    }
    if (!Array.isArray(parsed) || parsed.some((t) => typeof t !== 'string')) {
      throw new GraftError({
        message: 'targets must be a JSON array of strings',
        hint: 'e.g. ["docs/a.md", "overview"]'
      })
    }
    return (parsed as string[]).map((t) => t.trim()).filter(Boolean)
  }
  return text
    .split(/[\n,]/)
    .map((t) => t.trim())
    .filter(Boolean)
}

/** Maps each target to a stage name; every target must name a stage or one of its outputs. */
export function resolveTargets(targets: string[], stages: StageDef[]): Set<string> {
  const byName = new Map(stages.map((s) => [s.name, s.name]))
  const byOut = new Map<string, string>()
  for (const s of stages) for (const o of s.outs) byOut.set(o.path, s.name)
  // a foreach or matrix stage's name stands for all its items (`name@key`), as in `dvc repro name`
  const items = new Map<string, string[]>()
  for (const s of stages) {
    if (!s.loop || !s.name.includes('@')) continue
    const loop = s.name.slice(0, s.name.indexOf('@'))
    items.set(loop, [...(items.get(loop) ?? []), s.name])
  }
  // a loop stage whose items the lock does not hold is in the graph whole
  for (const s of stages) if (s.loop && !s.name.includes('@')) items.set(s.name, items.get(s.name) ?? [])
  const chosen = new Set<string>()
  const unknown: string[] = []
  for (const raw of targets) {
    const t = targetName(raw)
    const name = byName.get(t) ?? byOut.get(t)
    if (name) chosen.add(name)
    else if (items.has(t)) for (const item of items.get(t)!) chosen.add(item)
    // an item dvc.lock does not hold yet (`tr@fr`) is in no graph: see targetsItem
    else if (!items.has(loopOf(t) ?? '')) unknown.push(raw)
  }
  if (unknown.length > 0) {
    throw new GraftError(
      unknown.map((t) => ({
        message: `target "${t}" names no stage and no output`,
        hint: `use a stage name or an output path; known stages: ${[...byName.keys()].slice(0, 20).join(', ')}`
      }))
    )
  }
  return chosen
}

/** A target as written, without a leading `./`. */
function targetName(raw: string): string {
  return raw.replace(/^\.\//, '')
}

/** The loop stage a `name@key` item belongs to (undefined for any other name). */
function loopOf(name: string): string | undefined {
  const at = name.indexOf('@')
  return at > 0 ? name.slice(0, at) : undefined
}

/**
 * Whether `targets` name the foreach or matrix item `item` that DVC reports and
 * dvc.lock does not hold yet (so no graph has it): by its own name, as `dvc
 * repro tr@fr` does, or by its stage's, as `dvc repro tr` does.
 */
export function targetsItem(targets: string[], item: string): boolean {
  return targets.some((raw) => {
    const t = targetName(raw)
    return t === item || t === loopOf(item)
  })
}
