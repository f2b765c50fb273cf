// The core reports progress through this interface; the action adapter maps it
// to @actions/core (groups, warnings), the CLI to the terminal.
export interface Log {
  info(message: string): void
  warn(message: string): void
  /** runs `fn` inside a collapsible group in the Actions log */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>
}

export const silentLog: Log = {
  info: () => {},
  warn: () => {},
  group: (_name, fn) => fn()
}
