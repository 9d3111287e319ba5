// How CLI commands talk: human lines by default, one JSON object per line with --json.

export interface Output {
  readonly json: boolean;
  /** A fact the command reports: printed as a line, or as JSON with `event`. */
  report(event: string, human: string, data?: Record<string, unknown>): void;
  /** An error: to stderr for people, to stdout as `{event: "error"}` for programs. */
  error(code: string, message: string): void;
}

export function createOutput(json: boolean): Output {
  return {
    json,
    report(event, human, data = {}) {
      if (json) process.stdout.write(`${JSON.stringify({ event, ...data })}\n`);
      else process.stdout.write(`${human}\n`);
    },
    error(code, message) {
      if (json) process.stdout.write(`${JSON.stringify({ event: 'error', code, message })}\n`);
      else process.stderr.write(`claimbench: ${message}\n`);
    },
  };
}

/** A mistake in how the command was called: exit code 2, with the usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}
