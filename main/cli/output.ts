// How CLI commands talk: human lines by default, one JSON object per line with --json.

export interface Output {
  readonly json: boolean;
  /** A fact the command reports: printed as a line, or as JSON with `event`. */
  report(event: string, human: string, data?: Record<string, unknown>): void;
  /** An error: to stderr for people, to stdout as `{event: "error"}` for programs. */
  error(code: string, message: string): void;
}

export function createOutput(json: boolean): Output {
  closeQuietlyWhenTheReaderGoes();
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

let guarded = false;

/**
 * `claimbench … | head`: once the reader has what it wants it closes the pipe, and the next write
 * fails with EPIPE. That is the reader's choice, not an error: the command ends quietly (exit 0),
 * as Unix tools do, instead of crashing with an uncaught exception.
 */
function closeQuietlyWhenTheReaderGoes(): void {
  if (guarded) return;
  guarded = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

/** A mistake in how the command was called: exit code 2, with the usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}
