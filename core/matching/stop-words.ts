// English function words, left out of matching terms when the option is on: they say nothing
// about which claim a text repeats. A short list (Lucene's English set plus pronouns and
// auxiliaries); negations ("not", "no", "never") are kept because they flip a claim.

/** Lowercased English stop words. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be been being but by for from had has have he her hers him his i if in into is it its ' +
    'me my of on or our ours she so such than that the their theirs them then there these they this those to ' +
    'us was we were what when where which while who whom why will with would you your yours do does did ' +
    'can could should shall may might must just also about over after before up down out s t'
  ).split(' '),
);
