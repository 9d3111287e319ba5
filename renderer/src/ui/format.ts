// Display formats shared by the panes.

// Formatters are made once: `toLocaleDateString` with options builds a new one (and looks up the
// locale's data) on every call, which a library of dates pays per row.
let formatters: { dateTime: Intl.DateTimeFormat; dateOnly: Intl.DateTimeFormat; time: Intl.DateTimeFormat } | undefined;
function formatter(kind: 'dateTime' | 'dateOnly' | 'time'): Intl.DateTimeFormat {
  formatters ??= {
    dateTime: new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' }),
    dateOnly: new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
    time: new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }),
  };
  return formatters[kind];
}

/** "14 Aug 2026" for a date or date-time; the date as given when it cannot be parsed. */
export function formatDate(iso: string | undefined): string {
  if (iso === undefined) return '';
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const date = new Date(dateOnly ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatter(dateOnly ? 'dateOnly' : 'dateTime').format(date);
}

export function formatTime(iso: string | undefined): string {
  if (iso === undefined) return '';
  const date = new Date(iso);
  // As toLocaleTimeString did: "Invalid Date" rather than a RangeError.
  return Number.isNaN(date.getTime()) ? 'Invalid Date' : formatter('time').format(date);
}

/** Shortens a quote for a list row, at a word boundary. */
export function shorten(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20))}…`;
}

/** "1 document", "3 documents". */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
