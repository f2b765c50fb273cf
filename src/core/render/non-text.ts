// What a model's reply may carry that is not text, and so never belongs in a
// document: a NUL (git then calls the file binary, and the bot commit's diff
// hides what changed from its reviewer) and an unpaired UTF-16 surrogate (a
// JSON escape such as \ud800, written to the file as U+FFFD). Replies arrive as
// JSON, where both can come in escaped.

/** The first character of `text` that is not text, and its line (1-based); undefined when there is none. */
export function nonText(text: string): { what: string; line: number } | undefined {
  const nul = text.indexOf('\u0000')
  const lone = firstLoneSurrogate(text)
  if (nul < 0 && lone < 0) return undefined
  const at = nul < 0 ? lone : lone < 0 ? nul : Math.min(nul, lone)
  return {
    what: at === nul ? 'a NUL character' : 'an unpaired surrogate',
    line: text.slice(0, at).split('\n').length
  }
}

/** The index of the first surrogate without its pair, or -1. */
function firstLoneSurrogate(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) i++
      else return i
    } else if (c >= 0xdc00 && c <= 0xdfff) return i
  }
  return -1
}
