// A seeded pseudo-random generator (xorshift32) for the fast-reader property
// tests: the same seed gives the same inputs on every run and machine.
export type Random = () => number

export function prng(seed: number): Random {
  let s = (seed * 2654435761) >>> 0 || 1
  return () => {
    s ^= s << 13
    s ^= s >>> 17
    s ^= s << 5
    return (s >>> 0) / 4294967296
  }
}

export const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]
