// Transcripts: a paragraph opening with a speaker label in capitals ("DR. AMARA OKAFOR (Chief
// Medical Officer):", "OSEI:") is that speaker's turn, and each sentence of it that states
// something is a quote of that speaker. Questioners' turns ("QUESTION (Radio North):") are not.
import { suggestion, type RuleContext } from '../context.ts';
import { titleCase } from '../speakers.ts';
import type { Suggestion } from '../types.ts';

const LABEL = /^\s*((?:\p{Lu}[\p{Lu}.'’-]*)(?:\s+\p{Lu}[\p{Lu}.'’-]*){0,3})\s*(?:\([^)]*\))?\s*:\s+/u;
const NOT_SPEAKERS = new Set([
  'TRANSCRIPT',
  'NOTE',
  'UPDATE',
  'BREAKING',
  'SOURCE',
  'SOURCES',
  'EDITOR’S NOTE',
  "EDITOR'S NOTE",
  'CORRECTION',
  'WARNING',
  'LIVE',
  'WATCH',
  'READ MORE',
]);
const QUESTIONERS = new Set(['Q', 'QUESTION', 'REPORTER', 'INTERVIEWER', 'AUDIENCE', 'MODERATOR', 'UNIDENTIFIED', 'CALLER']);
const PLEASANTRY = /\b(?:thank(?:s| you)|good (?:morning|afternoon|evening)|hello|welcome)\b/iu;
const MIN_WORDS = 4;

/** The turn a paragraph opens: the label's end offset and the speaker (undefined for a questioner). */
export interface Turn {
  readonly bodyStart: number;
  readonly speaker?: string;
  readonly label: string;
}

/** The transcript turn the paragraph opens, if it opens one. */
export function turnOf(context: RuleContext): Turn | undefined {
  const match = LABEL.exec(context.paragraph.text);
  if (match === null) return undefined;
  const label = match[1]!;
  if (NOT_SPEAKERS.has(label) || !/\p{Lu}{2}/u.test(label)) return undefined;
  const bodyStart = context.paragraph.start + match[0].length;
  if (QUESTIONERS.has(label.replace(/[.:]/gu, ''))) return { bodyStart, label };
  const speaker = context.state.registry.note(titleCase(label), context.paragraph.start);
  return { bodyStart, speaker, label };
}

/** The turn's statements as quotes: declarative sentences of four words or more, not pleasantries. */
export function turnStatements(context: RuleContext, turn: Turn): Suggestion[] {
  if (turn.speaker === undefined) return [];
  const { tokens } = context;
  const found: Suggestion[] = [];
  for (const [first, last] of context.paragraph.sentences) {
    const words = tokens.slice(first, last + 1).filter((token) => token.start >= turn.bodyStart);
    if (words.length === 0) continue;
    const start = words[0]!.start;
    const end = words.at(-1)!.end;
    const text = context.state.text.slice(start, end);
    const wordCount = words.filter((token) => token.pos !== 'PUNCT').length;
    if (text.endsWith('?') || wordCount < MIN_WORDS || PLEASANTRY.test(text)) continue;
    found.push(
      suggestion(context, {
        start,
        end,
        kind: 'quote',
        speaker: turn.speaker,
        reason: `a sentence in the turn of *${turn.label}:* in a transcript`,
      }),
    );
  }
  context.state.lastSpeaker = turn.speaker;
  return found;
}
