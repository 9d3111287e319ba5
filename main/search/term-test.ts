// The exact test of one query term against one searchable thing (a document, an annotation, a
// claim): the one place a field's meaning is defined. Text terms return the spans they found so
// that hits can be placed.
import { descendantsOf } from '../../core/codebook/edit.ts';
import type { Codebook } from '../../core/model/codebook.ts';
import { findPhrase, findWord, type Span } from '../../core/search/find-text.ts';
import { foldCase } from '../../core/search/fold-case.ts';
import { ANNOTATION_FIELDS, type Term, type ValueField } from '../../core/search/query-ast.ts';

/** What a unit shows to the query. */
export interface Searchable {
  /** The texts that text terms are looked for in (a document's text; a quote and a note …). */
  readonly texts: () => readonly string[];
  readonly field: (field: ValueField) => readonly string[];
  readonly tags: () => readonly string[];
  readonly published: () => string | undefined;
  /**
   * For a unit that is not an annotation (a document, a claim): whether it holds an annotation
   * that satisfies an annotation field (`tag:`, `status:`, `speaker:`, `creator:`).
   */
  readonly annotationTerm?: (term: Term) => boolean;
}

export interface TermContext {
  readonly matchCase: boolean;
  readonly codebook: Codebook;
}

/**
 * The spans each unit's texts gave each term, for the match case they were found with: a search
 * asks twice of a candidate (does it hold? then where are its hits?), and looking for a word in
 * a document's text is most of that work.
 */
const foundSpans = new WeakMap<Searchable, Map<Term, { readonly matchCase: boolean; readonly spans: readonly (readonly Span[])[] }>>();

/** Spans per text of the unit (empty arrays when the term is not a text term or found nothing). */
export function textSpans(term: Term, unit: Searchable, context: TermContext): readonly (readonly Span[])[] {
  if (term.kind !== 'phrase' && term.kind !== 'word') return [];
  let found = foundSpans.get(unit);
  if (found === undefined) foundSpans.set(unit, (found = new Map()));
  const known = found.get(term);
  if (known !== undefined && known.matchCase === context.matchCase) return known.spans;
  const spans = unit
    .texts()
    .map((text) => (term.kind === 'phrase' ? findPhrase(text, term.value, context) : findWord(text, term.value, term.prefix)));
  found.set(term, { matchCase: context.matchCase, spans });
  return spans;
}

/** Whether the unit satisfies the term. */
export function termHolds(term: Term, unit: Searchable, context: TermContext): boolean {
  switch (term.kind) {
    case 'phrase':
    case 'word':
      return textSpans(term, unit, context).some((spans) => spans.length > 0);
    case 'date': {
      const published = unit.published()?.slice(0, 10);
      if (published === undefined) return false;
      return term.field === 'before' ? published < term.bound : published > term.bound;
    }
    case 'field':
      if (unit.annotationTerm !== undefined && ANNOTATION_FIELDS.has(term.field)) return unit.annotationTerm(term);
      if (term.field === 'tag') return unit.tags().some((tag) => tagsMatching(context.codebook, term.value, term.prefix).has(tag));
      if (term.field === 'status' || term.field === 'role') {
        const wanted = foldCase(term.value);
        return unit.field(term.field).some((value) => (term.prefix ? foldCase(value).startsWith(wanted) : foldCase(value) === wanted));
      }
      return unit.field(term.field).some((value) => findWord(value, term.value, term.prefix).length > 0);
  }
}

const tagCache = new WeakMap<Codebook, Map<string, Set<string>>>();

/**
 * The tag ids `tag:value` stands for: tags whose id or name is the value (or starts with it, for
 * `tag:stat*`), with every tag below them; the value itself too, for tags the codebook lost.
 */
export function tagsMatching(codebook: Codebook, value: string, prefix: boolean): Set<string> {
  let cache = tagCache.get(codebook);
  if (cache === undefined) tagCache.set(codebook, (cache = new Map()));
  const key = `${prefix ? '*' : ''}${value}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const wanted = foldCase(value);
  const matches = (name: string) => (prefix ? foldCase(name).startsWith(wanted) : foldCase(name) === wanted);
  const ids = new Set<string>([wanted]);
  for (const tag of codebook.tags) {
    if (matches(tag.id) || matches(tag.name)) for (const id of descendantsOf(codebook, tag.id)) ids.add(id);
  }
  cache.set(key, ids);
  return ids;
}
