// The tokens one model call used, as Bedrock reports them at the end of its
// stream (the `metadata` event), checked before anything adds them up: a stream
// that ends without its usage, or that reports figures no call can have
// (negative, fractional, not numbers, more output than max_tokens allows, no
// input for a prompt), would otherwise read as a free call — a $0.00 cost and
// limits never reached. Such a call is counted from its characters instead
// (the prompt sent, the reply received), and marked as estimated.
import { estimateTokens } from './token-estimate.js'

/** The tokens of one model call. */
export interface CallUsage {
  inputTokens: number
  outputTokens: number
  /** Bedrock reported no usable usage for the call: the tokens are counted from characters */
  estimated: boolean
}

/** What the call sent and received, to count it from characters when its usage is unusable. */
export interface CallSize {
  promptChars: number
  replyChars: number
  /** the call's max_tokens: no reply has more output tokens */
  maxTokens: number
}

/**
 * The call's usage: Bedrock's figures when they are whole numbers a call can
 * have, else both counted from characters (÷ 3.5), with `why` saying what was
 * wrong with Bedrock's usage ("it reported none", …).
 */
export function readUsage(reported: unknown, size: CallSize): CallUsage & { why?: string } {
  const why = unusable(reported, size)
  if (why === undefined) {
    const { inputTokens, outputTokens } = reported as { inputTokens: number; outputTokens: number }
    return { inputTokens, outputTokens, estimated: false }
  }
  return {
    inputTokens: estimateTokens(size.promptChars),
    outputTokens: Math.min(estimateTokens(size.replyChars), size.maxTokens),
    estimated: true,
    why
  }
}

function unusable(reported: unknown, size: CallSize): string | undefined {
  if (reported === undefined || reported === null) return 'it reported none'
  const { inputTokens, outputTokens } = reported as { inputTokens?: unknown; outputTokens?: unknown }
  const count = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0
  if (!count(inputTokens) || !count(outputTokens))
    return `it is not two whole numbers: ${describe(inputTokens)} input, ${describe(outputTokens)} output tokens`
  if (outputTokens > size.maxTokens)
    return `it says ${outputTokens} output tokens, more than the call's max_tokens (${size.maxTokens})`
  if (inputTokens === 0 && size.promptChars > 0)
    return `it says 0 input tokens for a prompt of ${size.promptChars} characters`
  return undefined
}

function describe(n: unknown): string {
  return typeof n === 'number' ? String(n) : n === undefined ? 'no' : (JSON.stringify(n)?.slice(0, 40) ?? typeof n)
}
