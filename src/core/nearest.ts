// "Did you mean …?" for every name a user types: CLI commands and options, action
// inputs and their choices. One rule, so both adapters suggest alike.
import leven from 'leven'

/**
 * The candidate closest to `typed` by edit distance (leven), when it is close
 * enough to be a typo: at most a third of the longer word, and at most 3 edits;
 * or a candidate `typed` begins. Case is ignored in the distance.
 */
export function nearest(typed: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of candidates) {
    const d = leven(typed.toLowerCase(), candidate.toLowerCase())
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  if (best === undefined || typed === '') return undefined
  const limit = Math.min(3, Math.ceil(Math.max(typed.length, best.length) / 3))
  return bestDistance <= limit || best.startsWith(typed) ? best : undefined
}
