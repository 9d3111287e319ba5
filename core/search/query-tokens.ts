// Splits a search query into tokens (terms and OR), keeping where each starts so that an error
// can say where it is. Knows quoting and negation; what a field means is the parser's business.

/** A term as written: `-field:"value"*` with every part optional but the value. */
export interface RawTerm {
  readonly kind: 'term';
  readonly offset: number;
  readonly negated: boolean;
  /** The field name before `:`, lowercased; absent for a bare word or phrase. */
  readonly field?: string;
  /** Where the field's value starts. */
  readonly valueOffset: number;
  readonly value: string;
  readonly quoted: boolean;
  readonly prefix: boolean;
}

export type Token = RawTerm | { readonly kind: 'or'; readonly offset: number };

/** Where lexing stopped: a message and the offset it refers to. */
export interface LexError {
  readonly message: string;
  readonly offset: number;
}

const SPACE = /\s/u;
// A field is letters before a colon; `10:30` and `https://…` are words.
const FIELD = /^([A-Za-z]+):(?!\/\/)/;

/** The tokens of `input`, or the first error in it. */
export function tokenize(input: string): { ok: true; tokens: Token[] } | { ok: false; error: LexError } {
  const tokens: Token[] = [];
  let at = 0;
  while (at < input.length) {
    if (SPACE.test(input[at]!)) {
      at++;
      continue;
    }
    const offset = at;
    let negated = false;
    if (input[at] === '-') {
      negated = true;
      at++;
      if (at >= input.length || SPACE.test(input[at]!)) return { ok: false, error: { message: 'nothing to exclude after "-"', offset } };
    }
    let field: string | undefined;
    const fieldMatch = FIELD.exec(input.slice(at, at + 40));
    if (fieldMatch !== null) {
      field = fieldMatch[1]!.toLowerCase();
      at += fieldMatch[0].length;
    }
    const valueOffset = at;
    let value: string;
    let quoted = false;
    if (input[at] === '"') {
      const close = input.indexOf('"', at + 1);
      if (close < 0) return { ok: false, error: { message: 'unclosed quotation mark', offset: at } };
      value = input.slice(at + 1, close);
      quoted = true;
      at = close + 1;
      if (value.trim() === '') return { ok: false, error: { message: 'empty quotation', offset: valueOffset } };
    } else {
      const start = at;
      while (at < input.length && !SPACE.test(input[at]!) && input[at] !== '"') at++;
      value = input.slice(start, at);
    }
    let prefix = false;
    if (!quoted && value.endsWith('*')) {
      prefix = true;
      value = value.replace(/\*+$/, '');
      if (value === '') return { ok: false, error: { message: 'a "*" ends a word: write "tax*"', offset: valueOffset } };
    } else if (quoted && input[at] === '*') {
      prefix = true;
      at++;
    }
    if (value === '') {
      const message = field === undefined ? 'a term is missing' : `"${field}:" needs a value`;
      return { ok: false, error: { message, offset: valueOffset } };
    }
    if (!negated && field === undefined && !quoted && value === 'OR') tokens.push({ kind: 'or', offset });
    else tokens.push({ kind: 'term', offset, negated, ...(field === undefined ? {} : { field }), valueOffset, value, quoted, prefix });
  }
  return { ok: true, tokens };
}
