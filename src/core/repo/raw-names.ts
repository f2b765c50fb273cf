// File names that are not UTF-8: DVC cannot hash a folder holding one (nor can
// the action), so the resolver refuses it, and a message shows its bytes.
import { readdirSync } from 'node:fs'
import { showPath } from './names.js'

/** The raw name (bytes) of the first entry of folder `real` that is not valid UTF-8, if any. */
export function notUtf8Name(real: string): Buffer | undefined {
  try {
    return readdirSync(real, { encoding: 'buffer' }).find((name) => !isUtf8(name))
  } catch {
    return undefined
  }
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true })

function isUtf8(bytes: Uint8Array): boolean {
  try {
    STRICT_UTF8.decode(bytes)
    return true
  } catch {
    return false
  }
}

/** A raw name for a message: its UTF-8 parts as text, every other byte as `\xNN`, control characters escaped. */
export function showRawName(bytes: Buffer): string {
  let out = ''
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i]
    const n =
      lead < 0x80
        ? 1
        : lead >= 0xc2 && lead <= 0xdf
          ? 2
          : lead >= 0xe0 && lead <= 0xef
            ? 3
            : lead >= 0xf0 && lead <= 0xf4
              ? 4
              : 0
    const seq = n > 0 ? bytes.subarray(i, i + n) : undefined
    if (seq && seq.length === n && isUtf8(seq)) {
      out += seq.toString('utf8')
      i += n
    } else {
      out += `\\x${lead.toString(16).padStart(2, '0')}`
      i++
    }
  }
  return showPath(out)
}

/** The problem for a folder dep `dir` holding a name that is not UTF-8 (`raw`). */
export function notUtf8Problem(dir: string, raw: Buffer): string {
  const name = `${dir === '.' ? '' : `${showPath(dir)}/`}${showRawName(raw)}`
  return `${name} has a file name that is not valid UTF-8 (shown with \\x escapes): DVC cannot hash a folder holding it (its dvc status stops with "surrogates not allowed"), so neither can the action; rename the file`
}
