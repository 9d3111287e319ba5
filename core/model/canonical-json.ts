// JSON that does not depend on the order an object's keys were written in: equal values, equal
// strings. A record read back from PostgreSQL's jsonb has its keys in jsonb's order (shortest
// first), one read from a workspace file in the order the program wrote them, so a digest of
// `JSON.stringify` would tell the two apart although they hold the same (the search index's
// workspace fingerprint did, and the team server rebuilt an index `team import` had just built).

/**
 * What `JSON.stringify(value)` gives, but with every object's keys in code-unit order. As there,
 * members that are undefined or functions are left out of objects and written as null in arrays,
 * and `toJSON` is honoured (a Date is its ISO string). Only for acyclic values.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const json = (value as { toJSON?: unknown }).toJSON;
  if (typeof json === 'function') return canonicalJson((json as () => unknown).call(value));
  if (Array.isArray(value)) return `[${value.map((item: unknown) => (isLeftOut(item) ? 'null' : canonicalJson(item))).join(',')}]`;
  const record = value as Readonly<Record<string, unknown>>;
  let out = '';
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (isLeftOut(member)) continue;
    out += `${out === '' ? '' : ','}${JSON.stringify(key)}:${canonicalJson(member)}`;
  }
  return `{${out}}`;
}

function isLeftOut(member: unknown): boolean {
  return member === undefined || typeof member === 'function' || typeof member === 'symbol';
}
