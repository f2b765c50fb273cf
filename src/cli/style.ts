// Colour and emphasis for a terminal, through Node's own util.styleText: given
// the stream the text goes to, it styles only when that stream is a terminal
// that shows colour, NO_COLOR turns it off and FORCE_COLOR on (checked on
// Node 20.20 and 24). Piped or redirected output stays plain text.
import { styleText } from 'node:util'

type Format = Extract<Parameters<typeof styleText>[0], string>

/** `text` in `formats` when `stream` shows colour, else as it is. */
export function paint(formats: Format | Format[], text: string, stream: NodeJS.WriteStream): string {
  // styleText came with Node 20.12: older runtimes print plain text.
  if (typeof styleText !== 'function') return text
  // One format per call: given an array, Node 20.20 and 24.21 style even a piped stream.
  return ([] as Format[]).concat(formats).reduceRight((styled, f) => styleText(f, styled, { stream }), text)
}

/** Writers for stdout and stderr that style for their own stream. */
export const out = {
  bold: (text: string): string => paint('bold', text, process.stdout),
  dim: (text: string): string => paint('dim', text, process.stdout),
  ok: (text: string): string => paint('green', text, process.stdout),
  stale: (text: string): string => paint('yellow', text, process.stdout)
}
export const err = {
  bold: (text: string): string => paint('bold', text, process.stderr),
  dim: (text: string): string => paint('dim', text, process.stderr),
  error: (text: string): string => paint(['bold', 'red'], text, process.stderr),
  warning: (text: string): string => paint(['bold', 'yellow'], text, process.stderr)
}
