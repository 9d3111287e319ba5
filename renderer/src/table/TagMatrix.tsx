// The tag-by-document matrix (issue 19): how many annotations of each document carry each tag (a
// tag counting those below it, as the table's tag filter does). Every count opens the annotations
// table filtered to those rows: a cell by document and tag, a tag's total by tag, a document's
// total by document. Documents with annotations are the rows, tags in use the columns.
import { useEffect, useMemo, useRef, useState } from 'react';
import { tagTree } from '../../../core/codebook/edit.ts';
import type { TableFilters } from '../../../core/contract/annotation-table-api.ts';
import type { Codebook } from '../../../core/model/codebook.ts';
import { api } from '../api/client.ts';
import { useServiceValue } from '../api/use-service-value.ts';
import { shorten } from '../ui/format.ts';

interface TagMatrixProps {
  readonly codebook: Codebook;
  /** Opens the annotations table with these filters. */
  readonly onOpenTable: (filters: TableFilters) => void;
}

/** Rows have one height, so a workspace of thousands of documents renders only those in view. */
const ROW = 30;
const OVERSCAN = 20;

export function TagMatrix({ codebook, onOpenTable }: TagMatrixProps) {
  const matrix = useServiceValue(api.getTagMatrix, [api.onDidChangeAnnotations, api.onDidChangeDocuments], codebook);
  const tags = useMemo(() => tagTree(codebook).filter(({ tag }) => (matrix?.totals[tag.id] ?? 0) > 0), [codebook, matrix]);
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });
  const ready = matrix !== undefined;
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setView((current) => ({ ...current, height: element.clientHeight })));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ready]);

  if (matrix === undefined) return <main className="pane table-view" aria-label="Tags by document" aria-busy="true" />;
  const documents = matrix.documents;
  const first = Math.max(0, Math.floor(view.top / ROW) - OVERSCAN);
  const last = Math.min(documents.length, Math.ceil((view.top + view.height) / ROW) + OVERSCAN);
  const all = documents.reduce((sum, document) => sum + document.annotations, 0);

  return (
    <main className="pane table-view" aria-label="Tags by document" data-pane="matrix">
      <p className="table-feedback">
        Annotations per tag and document (a tag counts the tags below it). A count opens those annotations in the table.
      </p>
      {documents.length === 0 ? (
        <p className="pane-empty">No annotations in this workspace yet.</p>
      ) : (
        <div
          className="table-scroll"
          ref={scroller}
          onScroll={(event) => setView({ top: event.currentTarget.scrollTop, height: event.currentTarget.clientHeight })}
        >
          <table className="tag-matrix">
            <thead>
              <tr>
                <th scope="col" className="tag-matrix-document">
                  Document
                </th>
                <th scope="col">All</th>
                {tags.map(({ tag, depth }) => (
                  <th key={tag.id} scope="col" title={tag.name}>
                    <span className="tag-matrix-tag" style={{ paddingLeft: depth * 6 }}>
                      <span className="table-dot" style={{ background: tag.color }} />
                      {tag.name}
                    </span>
                  </th>
                ))}
              </tr>
              <tr className="tag-matrix-totals">
                <th scope="row" className="tag-matrix-document">
                  Every document
                </th>
                <td>
                  <button type="button" onClick={() => onOpenTable({})} aria-label={`All ${all} annotations`}>
                    {all}
                  </button>
                </td>
                {tags.map(({ tag }) => (
                  <td key={tag.id}>
                    <button
                      type="button"
                      onClick={() => onOpenTable({ tags: [tag.id] })}
                      aria-label={`${matrix.totals[tag.id]} tagged ${tag.name}`}
                    >
                      {matrix.totals[tag.id]}
                    </button>
                  </td>
                ))}
              </tr>
            </thead>
            <tbody>
              {first > 0 && (
                <tr aria-hidden="true" style={{ height: first * ROW }}>
                  <td colSpan={tags.length + 2} />
                </tr>
              )}
              {documents.slice(first, last).map((document) => (
                <tr key={document.documentId} style={{ height: ROW }}>
                  <th scope="row" className="tag-matrix-document" title={document.title}>
                    {shorten(document.title, 80)}
                  </th>
                  <td>
                    <button
                      type="button"
                      onClick={() => onOpenTable({ documents: [document.documentId] })}
                      aria-label={`${document.annotations} in ${document.title}`}
                    >
                      {document.annotations}
                    </button>
                  </td>
                  {tags.map(({ tag }) => {
                    const count = matrix.counts[document.documentId]?.[tag.id] ?? 0;
                    return (
                      <td key={tag.id}>
                        {count > 0 && (
                          <button
                            type="button"
                            onClick={() => onOpenTable({ documents: [document.documentId], tags: [tag.id] })}
                            aria-label={`${count} tagged ${tag.name} in ${document.title}`}
                          >
                            {count}
                          </button>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
              {last < documents.length && (
                <tr aria-hidden="true" style={{ height: (documents.length - last) * ROW }}>
                  <td colSpan={tags.length + 2} />
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
