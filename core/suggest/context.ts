// What the rules share while reading one document: the text, the paragraph at hand, the speaker
// registry, the outlet of the passage and the transcript speaker, and how a phrase becomes a name.
import { MEDIA_NOUNS } from './lexicon.ts';
import { isPluralPossessive, SpeakerRegistry, withoutTitles } from './speakers.ts';
import type { Phrase } from './subject.ts';
import type { Paragraph, Suggestion, Token } from './types.ts';

/** State carried from paragraph to paragraph. */
export interface DocumentState {
  readonly text: string;
  readonly registry: SpeakerRegistry;
  /** The last speaker a quote or statement was given to, for a quote with no attribution of its own. */
  lastSpeaker?: string;
  /** The outlet reporting the current passage, until the next timestamped entry or outlet. */
  outlet?: string;
}

/** One paragraph being read, with the document's state. */
export interface RuleContext {
  readonly state: DocumentState;
  readonly paragraph: Paragraph;
  readonly tokens: readonly Token[];
}

/** A new document state for `text`. */
export function newDocumentState(text: string): DocumentState {
  return { text, registry: new SpeakerRegistry() };
}

/** The text of a token range. */
export function phraseText(context: RuleContext, phrase: Phrase): string {
  return context.state.text.slice(context.tokens[phrase.first]!.start, context.tokens[phrase.last]!.end);
}

/**
 * The speaker a subject phrase stands for: a pronoun's nearest fitting name, a name's fullest
 * form without titles, "the agency" as the organisation it refers to, or else the description
 * without its article ("a State Department spokesperson" → "State Department spokesperson").
 */
export function speakerOf(context: RuleContext, phrase: Phrase): string | undefined {
  const { tokens, state } = context;
  const first = tokens[phrase.first]!;
  const last = tokens[phrase.last]!;
  if (phrase.first === phrase.last && first.pos === 'PRON') return state.registry.pronoun(first.lower, first.start);
  if (last.pos === 'PROPN') {
    // The name is the run of capitalised words at the end ("Summit president Hiroshi Tanaka").
    let start = phrase.last;
    // "of" and a plural possessive join two capitalised runs: "Bank of Ostrava", "Northern Growers' Association".
    const joins = (k: number) =>
      (tokens[k]!.lower === 'of' || isPluralPossessive(tokens, k)) && k - 1 >= phrase.first && tokens[k - 1]!.pos === 'PROPN';
    while (start > phrase.first && (tokens[start - 1]!.pos === 'PROPN' || joins(start - 1))) start--;
    const name = phraseText(context, { first: start, last: phrase.last });
    const possessive = tokens[start - 1]?.text === "'s";
    if (!possessive) return state.registry.fullest(withoutTitles(name));
  }
  const text = phraseText(context, phrase).replace(/^(?:the|a|an)\s+/iu, '');
  // "the ministry", "the agency": a definite description of an organisation named before.
  if (phrase.last === phrase.first + 1 && first.lower === 'the') {
    const resolved = state.registry.fullest(last.text);
    if (resolved.toLowerCase() !== last.lower) return resolved;
    // "the station", "the newspaper": the outlet named last before it.
    const outlet = MEDIA_NOUNS.has(last.lower) ? state.registry.outletBefore(first.start) : undefined;
    if (outlet !== undefined) return outlet;
  }
  return text;
}

/** A suggestion over `[start, end)` of the document with its text filled in. */
export function suggestion(context: RuleContext, fields: Omit<Suggestion, 'text' | 'outlet'> & { outlet?: string }): Suggestion {
  const outlet = fields.outlet ?? context.state.outlet;
  return { ...fields, ...(outlet !== undefined && { outlet }), text: context.state.text.slice(fields.start, fields.end) };
}
