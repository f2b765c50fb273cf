// One error type for every problem the user must fix: it names the file (and
// line where one exists) and says what to do. Adapters turn it into
// annotations; the CLI prints it.

export interface ProblemLocation {
  file?: string
  line?: number
}

export interface Problem extends ProblemLocation {
  message: string
  /** what the user should do about it */
  hint?: string
}

export class GraftError extends Error {
  readonly problems: Problem[]

  constructor(problems: Problem | Problem[]) {
    const list = Array.isArray(problems) ? problems : [problems]
    super(list.map(formatProblem).join('\n'))
    this.name = 'GraftError'
    this.problems = list
  }
}

export function formatProblem(p: Problem): string {
  const where = p.file ? `${p.file}${p.line ? `:${p.line}` : ''}: ` : ''
  return `${where}${p.message}${p.hint ? ` — ${p.hint}` : ''}`
}

/** Throws one GraftError holding every problem, when there are any. */
export function throwIfProblems(problems: Problem[]): void {
  if (problems.length > 0) throw new GraftError(problems)
}
