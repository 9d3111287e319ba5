// Expected failures are values: a Result carries either a value or a coded, human-readable error.

/** An expected failure: a stable `code` for programs and a `message` for people. */
export interface Failure<Code extends string = string> {
  readonly code: Code;
  readonly message: string;
}

export type Result<T, Code extends string = string> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Failure<Code> };

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function fail<Code extends string>(code: Code, message: string): { readonly ok: false; readonly error: Failure<Code> } {
  return { ok: false, error: { code, message } };
}

/**
 * An edit made from an old version of a record, refused: nothing was written. `current` is the
 * record as it is now ("theirs"), for the window to show beside the analyst's own edit.
 */
export interface Conflict<T> extends Failure<'conflict'> {
  readonly current: T;
}

export type Conflicted<T> = { readonly ok: false; readonly error: Conflict<T> };

export function conflict<T>(current: T, message: string): Conflicted<T> {
  return { ok: false, error: { code: 'conflict', message, current } };
}
