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
  const chosen = new Set<string>()
  const unknown: string[] = []
  for (const raw of targets) {
    const t = raw.replace(/^\.\//, '')
    const name = byName.get(t) ?? byOut.get(t)
    if (name) chosen.add(name)
    else if (items.has(t)) for (const item of items.get(t)!) chosen.add(item)
    else unknown.push(raw)
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
