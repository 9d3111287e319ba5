// The version history of a document: its versions with when and from where each was imported and
// how many annotations were made on it; any version's text, read-only; any two compared. Reached
// from the reader's "Versions…" button (Alt+V).
import { useEffect, useMemo, useState } from 'react';
import type { DocumentVersion } from '../../../core/model/document-versions.ts';
import { api } from '../api/client.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { countOf } from '../ui/format.ts';
import { describeVersion, whenAndWhence } from './use-versions.ts';
import { VersionDiff, VersionText } from './VersionViewers.tsx';

interface VersionsDialogProps {
  readonly documentId: string;
  readonly title: string;
  readonly onClose: () => void;
}

type View =
  { readonly kind: 'read'; readonly number: number } | { readonly kind: 'compare'; readonly base: number; readonly other: number };

export function VersionsDialog({ documentId, title, onClose }: VersionsDialogProps) {
  const [versions, setVersions] = useState<readonly DocumentVersion[]>();
  const [view, setView] = useState<View>();
  const [texts, setTexts] = useState<ReadonlyMap<number, string>>(new Map());
  const [error, setError] = useState<string>();
  const [changes, setChanges] = useState<number>();

  useEffect(() => {
    let live = true;
    api.listVersions(documentId).then(
      (result) => {
        if (!live) return;
        if (!result.ok) return setError(result.error.message);
        setVersions(result.value);
        const count = result.value.length;
        // The latest change first: the version before the current one against it.
        setView(count > 1 ? { kind: 'compare', base: count - 1, other: count } : { kind: 'read', number: count });
      },
      (failure: unknown) => live && setError((failure as Error).message),
    );
    return () => {
      live = false;
    };
  }, [documentId]);

  // The texts the view needs, each read once.
  const wanted = view === undefined ? [] : view.kind === 'read' ? [view.number] : [view.base, view.other];
  const missing = wanted.filter((number) => !texts.has(number)).join(',');
  useEffect(() => {
    if (missing === '') return;
    let live = true;
    for (const number of missing.split(',').map(Number)) {
      api.getVersionText(documentId, number).then(
        (result) => {
          if (!live) return;
          if (!result.ok) return setError(result.error.message);
          setTexts((before) => new Map(before).set(number, result.value.text));
        },
        (failure: unknown) => live && setError((failure as Error).message),
      );
    }
    return () => {
      live = false;
    };
  }, [documentId, missing]);

  const count = versions?.length ?? 0;
  const label = (number: number) => `Version ${number}${number === count ? ' (current)' : ''} of ${title}`;
  const baseText = view?.kind === 'compare' ? texts.get(view.base) : undefined;
  const otherText = view?.kind === 'compare' ? texts.get(view.other) : undefined;
  const baseLabel = view?.kind === 'compare' ? label(view.base) : '';
  const otherLabel = view?.kind === 'compare' ? label(view.other) : '';
  // One object per pair of texts: the diff editor is made again only when they change.
  const base = useMemo(() => (baseText === undefined ? undefined : { text: baseText, label: baseLabel }), [baseText, baseLabel]);
  const other = useMemo(() => (otherText === undefined ? undefined : { text: otherText, label: otherLabel }), [otherText, otherLabel]);
  const readText = view?.kind === 'read' ? texts.get(view.number) : undefined;

  const compare = (next: { base: number; other: number }) => {
    setChanges(undefined);
    setView({ kind: 'compare', ...next });
  };

  return (
    <Dialog title={`Versions of “${title}”`} onClose={onClose} wide closeButton={{ label: 'Close', primary: true }}>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {versions === undefined && !error && <p className="pane-empty">Loading the version history…</p>}
      {versions !== undefined && (
        <div
          className="versions"
          onKeyDownCapture={(event) => {
            // Monaco keeps Escape for itself (the read-only notice, the find widget); in this
            // dialog it closes the dialog, as everywhere else, unless the find widget is open.
            if (event.key === 'Escape' && !event.currentTarget.querySelector('.find-widget.visible')) {
              event.preventDefault();
              event.stopPropagation();
              onClose();
            }
          }}
        >
          <ol className="versions-list" aria-label="Versions, oldest first">
            {versions.map((version) => (
              <li
                key={version.number}
                className="version-row"
                data-testid="version-row"
                aria-current={isShown(view, version.number) ? 'true' : undefined}
              >
                <span className="version-name">
                  Version {version.number}
                  {version.current && <span className="version-current">current</span>}
                </span>
                <span className="version-when">{whenAndWhence(version)}</span>
                <span className="version-made">{countOf(version.annotationsMadeOn, 'annotation')} made on it</span>
                <span className="version-actions">
                  <button
                    type="button"
                    className="button-small"
                    onClick={() => setView({ kind: 'read', number: version.number })}
                    aria-label={`Read version ${version.number}`}
                  >
                    Read
                  </button>
                  {!version.current && (
                    <button
                      type="button"
                      className="button-small"
                      onClick={() => compare({ base: version.number, other: count })}
                      aria-label={`Compare version ${version.number} with the current one`}
                    >
                      Compare with current
                    </button>
                  )}
                </span>
              </li>
            ))}
          </ol>
          {count > 1 && (
            <div className="version-compare-row">
              <label>
                Compare{' '}
                <select
                  aria-label="Earlier version (the base)"
                  value={view?.kind === 'compare' ? view.base : 1}
                  onChange={(event) => compare({ base: Number(event.target.value), other: view?.kind === 'compare' ? view.other : count })}
                >
                  {versions.map((version) => (
                    <option key={version.number} value={version.number}>
                      version {version.number}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                with{' '}
                <select
                  aria-label="Later version"
                  value={view?.kind === 'compare' ? view.other : count}
                  onChange={(event) => compare({ base: view?.kind === 'compare' ? view.base : 1, other: Number(event.target.value) })}
                >
                  {versions.map((version) => (
                    <option key={version.number} value={version.number}>
                      version {version.number}
                      {version.current ? ' (current)' : ''}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          )}
          <p className="version-caption" data-testid="version-caption" aria-live="polite">
            {view?.kind === 'read'
              ? `${describeVersion(versions[view.number - 1]!, count)}. Read-only.`
              : view?.kind === 'compare'
                ? `Version ${view.base} (left) against version ${view.other} (right)${
                    changes === undefined ? '' : changes === 0 ? ': the same text.' : `: ${countOf(changes, 'changed passage')}.`
                  }`
                : ''}
          </p>
          {view?.kind === 'read' &&
            (readText === undefined ? <p className="pane-empty">Loading…</p> : <VersionText text={readText} label={label(view.number)} />)}
          {view?.kind === 'compare' &&
            (base === undefined || other === undefined ? (
              <p className="pane-empty">Loading…</p>
            ) : (
              <VersionDiff base={base} other={other} onComputed={setChanges} />
            ))}
        </div>
      )}
    </Dialog>
  );
}

function isShown(view: View | undefined, number: number): boolean {
  return view?.kind === 'read' ? view.number === number : view?.kind === 'compare' ? view.base === number || view.other === number : false;
}
