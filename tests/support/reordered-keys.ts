// A value with every object's keys in reverse order, as PostgreSQL's jsonb (or any other writer)
// may give a record back: for tests of what must not depend on the order keys were written in.
export function reorderedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reorderedKeys) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, member]) => [key, reorderedKeys(member)]),
  ) as T;
}
