// BM25F (Robertson & Zaragoza 2009) over pre-tokenised fields: the scorer behind claim matching.
// Written here rather than taken from MiniSearch because the matcher needs BM25F's per-field
// length normalisation with weights fixed at build time, its own analysis per field (stems,
// bigrams, figures), exclusion of candidates, and raw scores to calibrate thresholds on; MiniSearch
// boosts fields by summing per-field BM25 scores (a different model) and re-tokenises its input.
// Field weights are folded into one pseudo term frequency per (term, document) at build time, so a
// query is one pass over its terms' postings into a dense score array.

/** A document to index: its terms, one array per field (the same fields, in the same order, for every document). */
export interface Bm25Document {
  readonly fields: readonly (readonly string[])[];
}

export interface Bm25Options {
  /** Term-frequency saturation. */
  readonly k1: number;
  /** Length normalisation, per field (one value: every field). */
  readonly b: number | readonly number[];
  /** Weight of each field's term frequency. Default: 1 for every field. */
  readonly weights?: readonly number[];
}

/** One scored document: its index in the array given to {@link buildBm25}. */
export interface Bm25Hit {
  readonly doc: number;
  readonly score: number;
}

interface Postings {
  readonly docs: number[];
  readonly tfs: number[];
}

/** A built index; `search` gives the `top` best documents, best first. */
export interface Bm25Index {
  readonly size: number;
  /** Inverse document frequency of a term (0 for a term no document has). */
  idf(term: string): number;
  search(terms: readonly string[], top: number): Bm25Hit[];
  /** A document's score against its own terms: the most a query can get from it, for normalising. */
  selfScore(doc: number): number;
}

/**
 * Indexes `documents` for BM25F search. A query term repeated in the query counts once per
 * occurrence (its idf is added again), which lets callers weight a term by repeating it.
 * @example buildBm25([{ fields: [['cats', 'purr']] }], { k1: 1.2, b: 0.75 }).search(['cats'], 5)
 */
export function buildBm25(documents: readonly Bm25Document[], options: Bm25Options): Bm25Index {
  const fieldCount = documents[0]?.fields.length ?? 0;
  const weights = options.weights ?? new Array<number>(fieldCount).fill(1);
  const bs = typeof options.b === 'number' ? new Array<number>(fieldCount).fill(options.b) : options.b;
  const averages = new Array<number>(fieldCount).fill(0);
  for (const document of documents) document.fields.forEach((field, f) => (averages[f] = (averages[f] ?? 0) + field.length));
  for (let f = 0; f < fieldCount; f++) averages[f] = Math.max(1, (averages[f] ?? 0) / Math.max(1, documents.length));

  const pseudoTf = (document: Bm25Document): Map<string, number> => {
    const pseudo = new Map<string, number>();
    document.fields.forEach((field, f) => {
      const b = bs[f] ?? 0.75;
      const norm = (weights[f] ?? 1) / (1 - b + (b * field.length) / (averages[f] ?? 1));
      for (const term of field) pseudo.set(term, (pseudo.get(term) ?? 0) + norm);
    });
    return pseudo;
  };
  const postings = new Map<string, Postings>();
  documents.forEach((document, doc) => {
    for (const [term, tf] of pseudoTf(document)) {
      let list = postings.get(term);
      if (list === undefined) postings.set(term, (list = { docs: [], tfs: [] }));
      list.docs.push(doc);
      list.tfs.push(tf);
    }
  });

  const n = documents.length;
  const k1 = options.k1;
  const idf = (term: string): number => {
    const df = postings.get(term)?.docs.length ?? 0;
    return df === 0 ? 0 : Math.log(1 + (n - df + 0.5) / (df + 0.5));
  };
  const scores = new Float64Array(n);
  const selfScores = new Map<number, number>();
  return {
    size: n,
    idf,
    selfScore(doc) {
      let score = selfScores.get(doc);
      const document = documents[doc];
      if (score === undefined && document !== undefined) {
        score = 0;
        for (const [term, tf] of pseudoTf(document)) score += (idf(term) * (k1 + 1) * tf) / (tf + k1);
        selfScores.set(doc, score);
      }
      return score ?? 0;
    },
    search(terms, top) {
      const touched: number[] = [];
      for (const term of terms) {
        const list = postings.get(term);
        if (list === undefined) continue;
        const weight = idf(term) * (k1 + 1);
        const { docs, tfs } = list;
        for (let i = 0; i < docs.length; i++) {
          const doc = docs[i] as number;
          const tf = tfs[i] as number;
          if (scores[doc] === 0) touched.push(doc);
          scores[doc] = (scores[doc] as number) + (weight * tf) / (tf + k1);
        }
      }
      const hits = touched.map((doc) => ({ doc, score: scores[doc] as number }));
      for (const doc of touched) scores[doc] = 0;
      return best(hits, top);
    },
  };
}

/** The `top` highest-scoring hits, best first; ties keep document order, so results are stable. */
function best(hits: Bm25Hit[], top: number): Bm25Hit[] {
  return hits.sort((a, b) => b.score - a.score || a.doc - b.doc).slice(0, top);
}
