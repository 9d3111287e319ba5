// The word lists the rules read: reporting verbs, speech-act objects, titles, organisation words,
// outlets and pronouns. Kept in one place so a reason, a rule and a test all mean the same words.

const forms = (...words: string[]): Set<string> => new Set(words);

/** Verbs that report what someone says or claims, in the forms news text uses. */
export const REPORTING_VERBS = forms(
  'say', 'says', 'said', 'tell', 'tells', 'told', 'insist', 'insists', 'insisted', 'warn', 'warns', 'warned',
  'add', 'adds', 'added', 'state', 'states', 'stated', 'note', 'notes', 'noted', 'report', 'reports', 'reported',
  'claim', 'claims', 'claimed', 'argue', 'argues', 'argued', 'estimate', 'estimates', 'estimated',
  'believe', 'believes', 'believed', 'write', 'writes', 'wrote', 'explain', 'explains', 'explained',
  'confirm', 'confirms', 'confirmed', 'deny', 'denies', 'denied', 'acknowledge', 'acknowledges', 'acknowledged',
  'predict', 'predicts', 'predicted', 'stress', 'stresses', 'stressed', 'admit', 'admits', 'admitted',
  'allege', 'alleges', 'alleged', 'maintain', 'maintains', 'maintained', 'declare', 'declares', 'declared',
  'caution', 'cautions', 'cautioned', 'concede', 'concedes', 'conceded', 'assert', 'asserts', 'asserted',
  'announce', 'announces', 'announced', 'testify', 'testifies', 'testified', 'tweet', 'tweets', 'tweeted',
  'posted', 'suggest', 'suggests', 'suggested', 'contend', 'contends', 'contended', 'reply', 'replied',
  'respond', 'responded', 'promise', 'promises', 'promised', 'vow', 'vows', 'vowed', 'urge', 'urged',
  'emphasise', 'emphasised', 'emphasize', 'emphasized', 'concluded', 'found', 'finds', 'show', 'shows', 'showed',
);

/** Reporting verbs that take a listener before the content: "told reporters that …". */
export const VERBS_WITH_LISTENER = forms('tell', 'tells', 'told', 'warn', 'warns', 'warned', 'assure', 'assured', 'remind', 'reminded');

/** Verbs whose subject is an outlet reporting a passage: "Reuters adds:", "The BBC reports that". */
export const OUTLET_VERBS = forms('reports', 'reported', 'adds', 'added', 'writes', 'wrote', 'says', 'said');

/** Outlets recognised by name even without a colon. */
export const KNOWN_OUTLETS = forms(
  'reuters', 'ap', 'afp', 'bbc', 'cnn', 'bloomberg', 'the guardian', 'the post', 'the times', 'the new york times',
  'the washington post', 'the wall street journal', 'the financial times', 'the economist', 'politico', 'axios',
  'al jazeera', 'npr', 'nbc', 'cbs', 'abc', 'fox news', 'sky news', 'associated press', 'dpa', 'ansa', 'efe', 'kyodo', 'xinhua', 'tass',
);

/** Titles and roles written before a name; stripped from speakers ("Mayor Elena Ortiz" → "Elena Ortiz"). */
export const TITLES = forms(
  'mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.', 'dr', 'dr.', 'prof', 'prof.', 'sir', 'dame', 'lord', 'lady',
  'mayor', 'governor', 'president', 'vice', 'prime', 'minister', 'secretary', 'senator', 'sen.', 'rep.', 'representative',
  'judge', 'justice', 'general', 'gen.', 'colonel', 'col.', 'captain', 'capt.', 'lieutenant', 'lt.', 'sergeant', 'admiral', 'commander',
  'chief', 'officer', 'director', 'chairman', 'chairwoman', 'chair', 'ceo', 'spokesman', 'spokeswoman', 'spokesperson',
  'ambassador', 'king', 'queen', 'prince', 'princess', 'pope', 'bishop', 'father', 'councillor', 'councilor', 'commissioner',
  'inspector', 'superintendent', 'sheriff', 'attorney', 'host', 'guest', 'health', 'defence', 'defense', 'finance', 'foreign', 'interior', 'state', 'medical',
);

/** Head words that make a capitalised name an organisation rather than a person. */
export const ORGANISATION_WORDS = forms(
  'ministry', 'department', 'agency', 'authority', 'service', 'services', 'bank', 'inc', 'inc.', 'ltd', 'corp', 'corp.',
  'company', 'securities', 'project', 'court', 'council', 'committee', 'commission', 'office', 'union', 'government',
  'police', 'army', 'forces', 'party', 'university', 'institute', 'foundation', 'group', 'association', 'organisation',
  'organization', 'board', 'chemicals', 'operator', 'fund', 'bureau', 'administration', 'parliament', 'senate', 'house',
  'federation', 'republic', 'states', 'nations', 'guard', 'river', 'dam', 'city', 'street', 'gazette', 'radio', 'news', 'report',
);

/** Pronouns that stand for a person or a group as a speaker. */
export const PERSON_PRONOUNS = forms('he', 'she');
export const GROUP_PRONOUNS = forms('they', 'it');

/** Subordinators after which a reported content stops: "…, as crews evacuated …". */
export const CLAUSE_BREAKS = forms('as', 'while', 'whereas', 'although', 'though', 'where');

/** Month names, for dates. */
export const MONTHS = forms(
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'jan.', 'feb', 'feb.', 'mar', 'mar.', 'apr', 'apr.', 'jun', 'jul', 'aug', 'aug.', 'sep', 'sept', 'sep.', 'oct', 'oct.', 'nov', 'nov.', 'dec', 'dec.',
);
