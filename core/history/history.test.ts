import { describe, expect, it } from 'vitest';
import type { Annotation } from '../model/annotation.ts';
import type { DocumentFile } from '../model/stored-files.ts';
import { History, documentOf, sideOf, withRemoved, type Change } from './history.ts';

// Only identities matter here: the history never looks inside documents or annotations.
const file = (id: string, title = id) => ({ meta: { id, title } }) as unknown as DocumentFile;
const annotation = (id: string) => ({ id }) as unknown as Annotation;
const codebook = { tags: [] };

const deletion: Change = {
  label: 'Delete document',
  annotations: [],
  documents: [{ documentId: 'd1', before: file('d1'), after: undefined }],
};
const tagging: Change = {
  label: 'Tag',
  annotations: [{ documentId: 'd2', annotationId: 'a1', before: undefined, after: annotation('a1') }],
};

describe('documentOf: the document to show after undoing (before) or redoing (after)', () => {
  it.each([
    ['an annotation change, undone', tagging, 'before', 'd2'],
    ['an annotation change, redone', tagging, 'after', 'd2'],
    ['a document deletion, undone: the document is back', deletion, 'before', 'd1'],
    ['a document deletion, redone: it is gone, stay', deletion, 'after', undefined],
    ['a codebook change', { ...tagging, codebook: { before: codebook, after: codebook } }, 'before', undefined],
    ['a change of links or claims alone', { label: 'Link', annotations: [], evidence: [] }, 'before', undefined],
  ] as const)('%s', (_name, change: Change, side, expected) => {
    expect(documentOf(change, side)).toBe(expected);
  });
});

describe('sideOf', () => {
  it('gives each document edit the file of that side', () => {
    expect(sideOf(deletion, 'before').documents).toEqual([{ documentId: 'd1', file: deletion.documents![0]!.before }]);
    expect(sideOf(deletion, 'after').documents).toEqual([{ documentId: 'd1', file: undefined }]);
    expect(sideOf(tagging, 'after')).not.toHaveProperty('documents');
  });
});

describe('withRemoved', () => {
  it('makes what a side removed the other side of that document, so putting it back restores it', () => {
    const edited = file('d1', 'Edited since');
    const redone = withRemoved(deletion, 'after', new Map([['d1', edited]]));
    expect(redone.documents).toEqual([{ documentId: 'd1', before: edited, after: undefined }]);
    expect(withRemoved(deletion, 'after', new Map())).toBe(deletion);
    // A side that puts the document removes nothing of it.
    expect(withRemoved(deletion, 'before', new Map([['d1', edited]])).documents).toEqual(deletion.documents);
  });

  it('replaces the change moved between the stacks when confirmed with one', () => {
    const history = new History();
    history.record(deletion);
    history.confirmUndo();
    const edited = withRemoved(deletion, 'after', new Map([['d1', file('d1', 'Edited since')]]));
    history.confirmRedo(edited);
    expect(history.peekUndo()).toBe(edited);
  });
});
