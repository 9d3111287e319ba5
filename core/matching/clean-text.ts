// Cleans social-media text before it is matched: what a tweet carries that no fact-check says.
// Each step was measured on the CLEF 2020 training tweets (bench/claim-matching.ts).

// pic.twitter.com is often glued to the word before it ("#Boyspic.twitter.com/…").
const URL = /\b(?:https?:\/\/|www\.)\S+|pic\.twitter\.com\/\S*/giu;
/**
 * The embed trailer of a copied tweet: "— Ilhan Omar (@IlhanMN) January 6, 2020". Its date goes;
 * the author's name stays, since fact checks often name who said it ("Ilhan Omar advised Iran…").
 */
const TRAILER = /[—–-]\s*([^—–\n]{0,80}?)\((@\w{1,15})\)\s+\p{L}+\s+\d{1,2},\s+\d{4}\s*$/u;
const HASHTAG_OR_MENTION = /[#@](\w+)/gu;

/**
 * Text with URLs and the tweet-embed trailer's date removed, and hashtags and @mentions turned into their
 * words ("#IranUsa" → "Iran Usa", "@realDonaldTrump" → "real Donald Trump").
 * @example cleanTweet('Fake #BreakingNews https://t.co/x — A (@a) May 1, 2020') // 'Fake Breaking News A a'
 */
export function cleanTweet(text: string): string {
  return text
    .replace(TRAILER, (_match, name: string, handle: string) => ` ${name} ${handle}`)
    .replace(URL, ' ')
    .replace(HASHTAG_OR_MENTION, (_match, word: string) => splitCamelCase(word))
    .replace(/\s+/gu, ' ')
    .trim();
}

/** "IranUsa" → "Iran Usa", "COVID19Update" → "COVID 19 Update", "snake_case" → "snake case". */
export function splitCamelCase(word: string): string {
  return word
    .replace(/_/g, ' ')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')
    .replace(/(\p{N})(\p{L})/gu, '$1 $2');
}
