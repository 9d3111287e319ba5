// Records as they were, but for their versions: an undo writes what was there before, as a new
// change, so the records it brings back carry new versions (core/history/versions.ts).
export function unversioned<T>(value: T): T {
  if (Array.isArray(value)) return value.map(unversioned) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, field]) => !(key === 'version' && typeof field === 'number'))
      .map(([key, field]) => [key, unversioned(field)]),
  ) as T;
}
