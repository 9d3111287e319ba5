// Who the speakers are: every capitalised name met so far, so that "Ortiz" and "she" become the
// fullest name the text gives ("Elena Ortiz"), "the Ministry" becomes "Ministry of Defence", and
// "Norland" becomes "Norland Chemicals". One registry per document, fed paragraph by paragraph.
import { GROUP_PRONOUNS, KNOWN_OUTLETS, MEDIA_NAME_WORDS, ORGANISATION_WORDS, PERSON_PRONOUNS, TITLES } from './lexicon.ts';
import type { Token } from './types.ts';

/** A person, or an organisation (companies, ministries, outlets, places too: never "he"). */
export type SpeakerKind = 'person' | 'organisation';

interface Mention {
  readonly name: string;
  readonly kind: SpeakerKind;
  readonly at: number;
}

const LEGAL_SUFFIX = /\s+(?:Inc\.?|Ltd\.?|Corp\.?|LLC|plc)$/u;

/** Title-cases a name written in capitals ("AMARA OKAFOR" → "Amara Okafor"). */
export function titleCase(name: string): string {
  return name.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}

/** Whether a name is an organisation's (a head word such as "Ministry", or a known outlet). */
export function kindOfName(name: string): SpeakerKind {
  const lower = name.toLowerCase();
  if (KNOWN_OUTLETS.has(lower) || KNOWN_OUTLETS.has(`the ${lower}`)) return 'organisation';
  return lower.split(/\s+/u).some((word) => ORGANISATION_WORDS.has(word)) ? 'organisation' : 'person';
}

/** Drops the titles before a person's name: "Minister of Defence Irina Volkova" → "Irina Volkova". */
export function withoutTitles(name: string): string {
  const words = name.replace(LEGAL_SUFFIX, '').split(/\s+/u);
  if (kindOfName(name) === 'organisation') return words.join(' ').replace(/^the\s+/iu, '');
  let cut = 0;
  words.forEach((word, i) => {
    if (TITLES.has(word.toLowerCase()) || word.toLowerCase() === 'of') cut = i + 1;
  });
  return cut < words.length ? words.slice(cut).join(' ') : words.join(' ');
}

/**
 * The names of one document, in the order met, for fullest-name and pronoun resolution. Every
 * look-up is indexed, so a long document costs the same per name as a short one.
 */
export class SpeakerRegistry {
  /** The mentions a pronoun can stand for, in the order met: people by a full name, organisations. */
  private readonly people: Mention[] = [];
  private readonly organisations: Mention[] = [];
  /** Organisation mentions that name an outlet, in the order met. */
  private readonly outlets: Mention[] = [];
  /** Full names (with a space) in the order first met, and by the word a short reference uses. */
  private readonly fullNames: Mention[] = [];
  private readonly fullNameSet = new Set<string>();
  private readonly fullNameByWord = new Map<string, number>();
  /** withoutTitles and kindOfName of each raw name, which are the same every time it is met. */
  private readonly bareNames = new Map<string, { readonly name: string; readonly kind: SpeakerKind }>();

  /** Notes every capitalised name in a paragraph's tokens (runs of PROPN, "of" inside). */
  noteNames(tokens: readonly Token[]): void {
    for (const [first, last] of properNameRuns(tokens)) {
      const raw = tokensText(tokens.slice(first, last + 1));
      if (raw.split(' ').every((word) => TITLES.has(word.toLowerCase()))) continue;
      this.note(raw, tokens[first]!.start);
    }
  }

  /** Notes one name at an offset and returns its fullest form. */
  note(raw: string, at: number): string {
    const { name, kind } = this.bare(raw);
    const spaced = name.includes(' ');
    const full = spaced ? name : this.fullest(name);
    if (spaced && !this.fullNameSet.has(name)) this.addFullName({ name, kind, at });
    const mention = { name: full, kind, at };
    if (kind === 'organisation') {
      this.organisations.push(mention);
      if (isOutletName(full)) this.outlets.push(mention);
    } else if (full.includes(' ')) this.people.push(mention);
    return full;
  }

  /** The fullest known form of a name or a short reference ("Ortiz", "the agency"). */
  fullest(name: string): string {
    const bare = this.bare(name).name.replace(/^the\s+/iu, '');
    if (/\s/u.test(bare)) return bare;
    // A person by surname (or first name); an organisation by its first or head word: the last
    // full name met that fits.
    const index = this.fullNameByWord.get(bare.toLowerCase());
    return index === undefined ? bare : this.fullNames[index]!.name;
  }

  /** The outlet named nearest before `at` ("Radio Meridian"), for "the station", "the newspaper". */
  outletBefore(at: number): string | undefined {
    return lastBefore(this.outlets, at)?.name;
  }

  /** The named person (he/she) or organisation (they/it) nearest before `at`. */
  pronoun(word: string, at: number): string | undefined {
    const lower = word.toLowerCase();
    if (PERSON_PRONOUNS.has(lower)) return lastBefore(this.people, at)?.name;
    if (GROUP_PRONOUNS.has(lower)) return lastBefore(this.organisations, at)?.name;
    return undefined;
  }

  private bare(raw: string): { readonly name: string; readonly kind: SpeakerKind } {
    let bare = this.bareNames.get(raw);
    if (bare === undefined) {
      const name = withoutTitles(raw);
      bare = { name, kind: kindOfName(name) };
      this.bareNames.set(raw, bare);
    }
    return bare;
  }

  private addFullName(mention: Mention): void {
    const index = this.fullNames.length;
    this.fullNames.push(mention);
    this.fullNameSet.add(mention.name);
    const parts = mention.name.toLowerCase().split(/\s+/u);
    // Later full names win: each word points at the last full name it fits.
    for (const word of mention.kind === 'person' ? [parts[0]!, parts.at(-1)!] : parts) this.fullNameByWord.set(word, index);
  }
}

/** The last mention met before `at` (mentions are mostly in text order, so this stops early). */
function lastBefore(mentions: readonly Mention[], at: number): Mention | undefined {
  for (let i = mentions.length - 1; i >= 0; i--) if (mentions[i]!.at < at) return mentions[i];
  return undefined;
}

function isOutletName(name: string): boolean {
  const lower = name.toLowerCase();
  return KNOWN_OUTLETS.has(lower) || KNOWN_OUTLETS.has(`the ${lower}`) || lower.split(/\s+/u).some((word) => MEDIA_NAME_WORDS.has(word));
}

/** Tokens' text as written: spaces only where the text has them ("Growers' Association"). */
export function tokensText(tokens: readonly Token[]): string {
  return tokens.map((token, i) => (i > 0 && token.start > tokens[i - 1]!.end ? ' ' : '') + token.text).join('');
}

/** Whether the token at `i` is the apostrophe of a plural possessive inside a name ("Growers' Association"). */
export function isPluralPossessive(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  const before = tokens[i - 1];
  return (
    token !== undefined &&
    before !== undefined &&
    (token.text === "'" || token.text === '’') &&
    token.start === before.end &&
    /s$/iu.test(before.text)
  );
}

/**
 * Inclusive token ranges of capitalised names: PROPN runs, joined over "of" ("Bank of Ostrava")
 * and a plural possessive ("Northern Growers' Association").
 */
export function properNameRuns(tokens: readonly Token[]): [number, number][] {
  const runs: [number, number][] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!isNameToken(tokens[i]!)) {
      i++;
      continue;
    }
    const first = i;
    const joins = (k: number) =>
      (tokens[k]!.lower === 'of' || isPluralPossessive(tokens, k)) && k + 1 < tokens.length && isNameToken(tokens[k + 1]!);
    while (i + 1 < tokens.length && (isNameToken(tokens[i + 1]!) || joins(i + 1))) i++;
    runs.push([first, i]);
    i++;
  }
  return runs;
}

/** A capitalised word tagged as a proper noun (or a capitalised noun inside a name). */
export function isNameToken(token: Token): boolean {
  return token.pos === 'PROPN' && /^\p{Lu}/u.test(token.text);
}
