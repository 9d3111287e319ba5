// Looking into JSON from a file before a schema has checked it. Only own properties are read, so a
// `__proto__`, `constructor` or `toString` key in the file is data like any other, and nothing
// here throws: an annotation file is hostile input until it has been read.
import type { z } from 'zod';

/** `JSON.parse` as a value: the parsed JSON, or the parser's message. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** A JSON object (not null, not an array). */
export function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object's own property `key`, never one inherited from its prototype. */
export function own(value: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.hasOwn(value, key) ? value[key] : undefined;
}

/**
 * A JSON-LD value that may be one thing or a list of them, as a list.
 * @example listOf('a') // ['a']; listOf(['a', 'b']) // ['a', 'b']; listOf(undefined) // []
 */
export function listOf(value: unknown): readonly unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The strings of a one-or-many value (a JSON-LD `type`, `motivation` …). */
export function stringsOf(value: unknown): string[] {
  return listOf(value).filter((item): item is string => typeof item === 'string');
}

/** What a JSON value is, for a message: `null`, `a list`, `an object`, `a number` … */
export function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * What a schema found wrong with a JSON value, for a message: its first three issues, each with
 * its path, or `whole` when the issue is with the value as a whole.
 * @example describeIssues(parsed.error, 'the file') // "meta.id: Invalid input; the file: …"
 */
export function describeIssues(error: z.ZodError, whole: string): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : whole}: ${issue.message}`)
    .join('; ');
}
