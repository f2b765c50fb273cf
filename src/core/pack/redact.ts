// Source files sometimes hold example credentials (`.env` samples, CI snippets).
// Before a source diff leaves the machine, values are masked by the name they
// are assigned to (*SECRET*, *TOKEN*, *PASSWORD*, *_KEY, as in `.env` files and
// YAML) and by their shape (AWS access key ids, GitHub tokens). Plain settings
// such as `AWS_REGION=us-east-1` stay readable: Graft's blanket `AWS_*=`
// masking garbled documentation of them.
import { SECRET_SHAPES } from './secret-shapes.js'

/** `NAME=value`, `NAME: value`, `"NAME": "value"` where NAME says it holds a secret. */
const SECRET_ASSIGNMENT =
  /((?:^|[^A-Za-z0-9_])["']?([A-Za-z0-9_.-]*(?:SECRET|TOKEN|PASSWORD|PASSWD|_KEY)[A-Za-z0-9_]*)["']?\s*[:=]\s*)(["']?)([^\s"',}]+)\3/gim

/** The text with secret-named values and secret-shaped strings replaced by `***`. */
export function redactSecrets(text: string): string {
  let out = text.replace(SECRET_ASSIGNMENT, (whole, lead: string, _name: string, quote: string, value: string) =>
    value === '***' || value.startsWith('${') || value.startsWith('$(') ? whole : `${lead}${quote}***${quote}`
  )
  for (const shape of SECRET_SHAPES) out = out.replace(shape.pattern, (hit) => (shape.harmless?.(hit) ? hit : '***'))
  return out
}
