// Names (speakers, outlets, creators, tags) sorted as a reader expects, and always the same way.

/**
 * Orders names by the reader's locale, then by their code units where the locale finds two names
 * equal. `localeCompare` alone is not a total order: "é" written as one code point and as "e" with a
 * combining accent compare equal, so a list sorted with it alone keeps such names in whatever order
 * they were counted in, and two stores that count in different orders show different lists.
 */
export function compareNames(a: string, b: string): number {
  return a.localeCompare(b) || (a < b ? -1 : a > b ? 1 : 0);
}
