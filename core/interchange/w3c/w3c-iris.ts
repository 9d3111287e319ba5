// The IRIs Claimbench gives what it exports, and the ids read back from them: both directions of
// one naming scheme, so that a change to one is seen beside the other. An exported annotation or
// link is `urn:uuid:<id>` when its id is a lowercase UUID, else
// `urn:claimbench:<workspace>:<kind>:<percent-encoded id>`; a document is its published address,
// else `urn:claimbench:<workspace>:document:<id>`.
import type { DocumentMeta } from '../../model/document.ts';

/** Makes the IRIs of exported things. */
export interface W3CIris {
  annotation(id: string): string;
  link(id: string): string;
  /** The target `source`: where the document was published, else a URN of its id. */
  document(meta: DocumentMeta): string;
}

// Lowercase only: the IRI must give the id back exactly (idFromIri below).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * IRIs within one workspace: `urn:uuid:<id>` for an annotation or link whose id is a UUID (it is
 * unique anywhere), else `urn:claimbench:<workspace>:annotation:<id>` (`link:`, `document:`).
 * @example claimbenchIris('ws-1').annotation('a1') // → 'urn:claimbench:ws-1:annotation:a1'
 */
export function claimbenchIris(workspaceId: string): W3CIris {
  if (workspaceId.length === 0) throw new RangeError('a workspace id is needed for IRIs');
  const base = `urn:claimbench:${encodeURIComponent(workspaceId)}:`;
  const named = (kind: string) => (id: string) => (UUID.test(id) ? `urn:uuid:${id}` : `${base}${kind}:${encodeURIComponent(id)}`);
  return {
    annotation: named('annotation'),
    link: named('link'),
    document: (meta) => (meta.sourceUrl !== undefined ? asciiUri(meta.sourceUrl) : `${base}document:${encodeURIComponent(meta.id)}`),
  };
}

/** Percent-encodes what a URI may not hold as it is (spaces, non-ASCII), keeping existing escapes. */
function asciiUri(url: string): string {
  return url.toWellFormed().replace(/[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/gu, (character) => encodeURIComponent(character));
}

/**
 * The id an exported annotation or link had: `urn:uuid:<id>`, or
 * `urn:claimbench:<workspace>:<kind>:<percent-encoded id>` (`claimbenchIris` above).
 * @example idFromIri('urn:claimbench:ws:annotation:a%2D1', 'annotation') // 'a-1'
 */
export function idFromIri(iri: string, kind: 'annotation' | 'link'): string | undefined {
  if (iri.startsWith('urn:uuid:')) return iri.slice('urn:uuid:'.length);
  return claimbenchUrnId(iri, kind);
}

/**
 * The id of a document exported without a published address (`urn:claimbench:<workspace>:document:<id>`);
 * undefined for any other IRI, a web address included.
 */
export function documentIdFromIri(iri: string): string | undefined {
  return claimbenchUrnId(iri, 'document');
}

function claimbenchUrnId(iri: string, kind: 'annotation' | 'link' | 'document'): string | undefined {
  const parts = iri.split(':');
  if (parts.length !== 5 || parts[0] !== 'urn' || parts[1] !== 'claimbench' || parts[3] !== kind) return undefined;
  try {
    return decodeURIComponent(parts[4]!);
  } catch {
    return undefined;
  }
}
