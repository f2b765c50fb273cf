// Input tokens from characters, for when Bedrock has not counted (or must not
// be asked yet): an estimate, and a floor that no real prompt goes below.

/**
 * Characters per input token when Bedrock cannot count: Anthropic's rule of
 * thumb for Claude on English text (about 3.5); code and non-Latin scripts
 * have fewer characters per token, so the estimate can be low for them.
 */
export const CHARS_PER_TOKEN = 3.5

/**
 * The most characters per token a whole prompt averages: English prose runs
 * about 3.5 to 4.5, code and other scripts fewer. Only text built to tokenise
 * densely (long runs of one character) goes above; a refusal made on this
 * floor is right for every real prompt, so it needs no count from Bedrock.
 */
export const MAX_CHARS_PER_TOKEN = 6

/**
 * The most bytes of source one token stands for: {@link MAX_CHARS_PER_TOKEN}
 * characters, and a little more for text beyond ASCII (more bytes to a
 * character, but also fewer characters to a token). Deps holding more bytes
 * than max-input-tokens × this are over the budget whatever the count, and
 * are refused before a byte of them is read.
 */
export const MAX_BYTES_PER_TOKEN = 8

/** The estimate: characters ÷ {@link CHARS_PER_TOKEN}, rounded up. */
export function estimateTokens(chars: number): number {
  return Math.ceil(chars / CHARS_PER_TOKEN)
}

/** The floor: characters ÷ {@link MAX_CHARS_PER_TOKEN}, rounded down; the real count is at least this. */
export function tokenFloor(chars: number): number {
  return Math.floor(chars / MAX_CHARS_PER_TOKEN)
}
