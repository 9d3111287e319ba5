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

/** The names of one document, in the order met, for fullest-name and pronoun resolution. */
export class SpeakerRegistry {
  private readonly mentions: Mention[] = [];
  private readonly fullNames: Mention[] = [];

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
    const name = withoutTitles(raw);
    const kind = kindOfName(name);
    const full = name.includes(' ') ? name : this.fullest(name);
    if (name.includes(' ') && !this.fullNames.some((mention) => mention.name === name)) this.fullNames.push({ name, kind, at });
    this.mentions.push({ name: full, kind, at });
    return full;
  }

  /** The fullest known form of a name or a short reference ("Ortiz", "the agency"). */
  fullest(name: string): string {
    const bare = withoutTitles(name).replace(/^the\s+/iu, '');
    const words = bare.toLowerCase().split(/\s+/u);
    if (words.length !== 1) return bare;
    const word = words[0]!;
    for (let i = this.fullNames.length - 1; i >= 0; i--) {
      const candidate = this.fullNames[i]!;
      const parts = candidate.name.toLowerCase().split(/\s+/u);
      // A person by surname (or first name); an organisation by its first or head word.
      const fits = candidate.kind === 'person' ? parts.at(-1) === word || parts[0] === word : parts.includes(word);
      if (fits) return candidate.name;
    }
    return bare;
  }

  /** The outlet named nearest before `at` ("Radio Meridian"), for "the station", "the newspaper". */
  outletBefore(at: number): string | undefined {
    for (let i = this.mentions.length - 1; i >= 0; i--) {
      const { name, kind, at: where } = this.mentions[i]!;
      if (where >= at || kind !== 'organisation') continue;
      const lower = name.toLowerCase();
      if (KNOWN_OUTLETS.has(lower) || KNOWN_OUTLETS.has(`the ${lower}`) || lower.split(/\s+/u).some((word) => MEDIA_NAME_WORDS.has(word)))
        return name;
    }
    return undefined;
  }

  /** The named person (he/she) or organisation (they/it) nearest before `at`. */
  pronoun(word: string, at: number): string | undefined {
    const lower = word.toLowerCase();
    const kind: SpeakerKind | undefined = PERSON_PRONOUNS.has(lower) ? 'person' : GROUP_PRONOUNS.has(lower) ? 'organisation' : undefined;
    if (kind === undefined) return undefined;
    for (let i = this.mentions.length - 1; i >= 0; i--) {
      const mention = this.mentions[i]!;
      if (mention.at < at && mention.kind === kind && (kind === 'organisation' || mention.name.includes(' '))) return mention.name;
    }
    return undefined;
  }
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
