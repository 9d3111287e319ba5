// A light English stemmer for matching: folds plurals, -ing/-ed and -ly, and nothing more, so
// "protesters"/"protester" and "banned"/"ban" meet while "university"/"universe" stay apart
// (which a full Porter stemmer merges).

/**
 * The light stem of a lowercased word.
 * @example lightStem('protesters') === 'protester'; lightStem('cities') === 'city'; lightStem('banned') === 'ban'
 */
export function lightStem(word: string): string {
  if (word.length <= 3) return word;
  let stem = word;
  if (/ies$/.test(stem) && stem.length > 4) stem = stem.slice(0, -3) + 'y';
  else if (/(?:sses|xes|ches|shes|zzes)$/.test(stem)) stem = stem.slice(0, -2);
  else if (/[^su]s$/.test(stem) && !/(?:is|ss|us|ous)$/.test(stem)) stem = stem.slice(0, -1);
  if (stem.length > 5 && /ing$/.test(stem)) stem = undouble(stem.slice(0, -3));
  else if (stem.length > 4 && /ied$/.test(stem)) stem = stem.slice(0, -3) + 'y';
  else if (stem.length > 4 && /[^e]ed$/.test(stem)) stem = undouble(stem.slice(0, -2));
  else if (stem.length > 4 && /eed$/.test(stem)) stem = stem.slice(0, -1);
  if (stem.length > 5 && /ly$/.test(stem)) stem = stem.slice(0, -2);
  if (stem.length > 3 && /e$/.test(stem)) stem = stem.slice(0, -1);
  return stem;
}

/** "bann" → "ban", "stopp" → "stop"; "kill", "pass" keep their double letter. */
function undouble(stem: string): string {
  return /([bdgmnprt])\1$/.test(stem) ? stem.slice(0, -1) : stem;
}
