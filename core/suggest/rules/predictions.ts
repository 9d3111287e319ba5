// Predictions: clauses about the future or a possibility, marked by will / would / could / may /
// might, "expect(ed) to", "likely", "set to", "forecast". The span is the clause around the cue;
// counterfactuals ("would have been"), questions, and what someone could not or would not check
// ("a figure the Courier could not independently verify") are left out.
import { suggestion, type RuleContext } from '../context.ts';
import { REPORTING_VERBS } from '../lexicon.ts';
import type { Suggestion, Token } from '../types.ts';

const MODALS = new Set(['will', 'would', 'could', 'may', 'might', 'shall', "'ll", 'wo']);
const OTHER_CUES = new Set(['expect', 'expects', 'expected', 'likely', 'unlikely', 'forecast', 'forecasts', 'projected', 'poised']);
const LEFT_BOUNDARIES = new Set([',', ';', ':', '"', '“', '”', '—', '–', 'and', 'but', 'because', 'if', 'when', 'so']);
// Verbs of checking and answering: "could not verify", "would not confirm", "could not be reached
// for comment" say what someone failed or refused to do, a past fact, not what is to come.
const CHECKING_VERBS = new Set([
  ...['verify', 'confirm', 'corroborate', 'establish', 'determine', 'ascertain', 'reach', 'comment', 'say', 'identify', 'disclose'],
  ...['verified', 'confirmed', 'corroborated', 'established', 'determined', 'ascertained', 'reached', 'said', 'identified', 'disclosed'],
]);
const NEGATIONS = new Set(['not', "n't", 'never']);
const RIGHT_BOUNDARIES = new Set([',', ';', ':', '"', '“', '”', '—', '.', '!', '?']);

/** The prediction cue at token `i`, if it is one. */
export function isPredictionCue(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i]!;
  if (MODALS.has(token.lower)) {
    // "May" the month is capitalised and not an auxiliary; "would have" looks back, not ahead.
    if (token.lower === 'may' && token.pos !== 'AUX') return false;
    if ((token.lower === 'could' || token.lower === 'would') && failedCheck(tokens, i)) return false;
    return tokens[i + 1]?.lower !== 'have' && tokens[i + 2]?.lower !== 'have';
  }
  if (token.lower === 'set' || token.lower === 'going') return tokens[i + 1]?.lower === 'to' && tokens[i - 1]?.pos === 'AUX';
  return OTHER_CUES.has(token.lower);
}

/** Whether the modal at `i` says someone could not (or would not) check or answer: "could not independently verify". */
function failedCheck(tokens: readonly Token[], i: number): boolean {
  let k = i + 1;
  if (!NEGATIONS.has(tokens[k]?.lower ?? '')) return false;
  k++;
  while (tokens[k]?.pos === 'ADV' || tokens[k]?.lower === 'be' || tokens[k]?.lower === 'immediately') k++;
  return CHECKING_VERBS.has(tokens[k]?.lower ?? '');
}

/** The prediction clauses of one paragraph; `speakerAt` gives the speaker of a statement or quote covering an offset. */
export function predictionSuggestions(context: RuleContext, speakerAt: (start: number, end: number) => string | undefined): Suggestion[] {
  const { tokens, paragraph } = context;
  const found: Suggestion[] = [];
  for (const [first, last] of paragraph.sentences) {
    if (tokens[last]!.text === '?' || (tokens[last]!.text !== '.' && tokens[last - 1]?.text === '?')) continue;
    let covered = first - 1;
    for (let i = first; i <= last; i++) {
      if (i <= covered || !isPredictionCue(tokens, i)) continue;
      let start = i;
      while (start > first && !isLeftBoundary(tokens, start - 1)) start--;
      let end = i;
      while (
        end < last &&
        !RIGHT_BOUNDARIES.has(tokens[end + 1]!.text) &&
        !(tokens[end + 1]!.lower === 'and' && tokens[end + 2]?.lower === 'that')
      )
        end++;
      if (end - start < 1) continue;
      covered = end;
      const from = tokens[start]!.start;
      const to = tokens[end]!.end;
      const speaker = speakerAt(from, to);
      found.push(
        suggestion(context, {
          start: from,
          end: to,
          kind: 'prediction',
          ...(speaker !== undefined && { speaker }),
          reason: `*${tokens[i]!.text}* about what is to come`,
        }),
      );
    }
  }
  return found;
}

function isLeftBoundary(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i]!;
  if (LEFT_BOUNDARIES.has(token.lower)) return true;
  if (token.lower === 'that' && token.pos === 'SCONJ') return true;
  return REPORTING_VERBS.has(token.lower) && token.pos === 'VERB';
}
