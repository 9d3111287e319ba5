import { describe, expect, it, vi } from 'vitest';
import { createWorkbenchClient, type WorkbenchTransport } from './client.ts';
import { workbenchArgs } from './workbench-args.ts';
import { WORKBENCH_EVENTS, WORKBENCH_METHODS, isWorkbenchMethod, subscriptionName } from './workbench-api.ts';

describe('the contract', () => {
  it('has an argument schema for every method and no schema without a method', () => {
    expect(Object.keys(workbenchArgs).sort()).toEqual([...WORKBENCH_METHODS].sort());
  });

  it('names event subscriptions onDid…', () => {
    expect(WORKBENCH_EVENTS.map(subscriptionName)).toEqual([
      'onDidChangeDocuments',
      'onDidChangeAnnotations',
      'onDidChangeWorkspace',
      'onDidChangeSaveState',
      'onDidProgressImport',
      'onDidProgressBundle',
      'onDidChangeHistory',
      'onDidChangeEvidence',
      'onDidChangeArchive',
      'onDidChangeSearchStatus',
      'onDidProgressSuggestions',
      'onDidProgressMatching',
      'onDidChangePresence',
    ]);
  });

  it('does not take inherited names for methods', () => {
    expect(isWorkbenchMethod('toString')).toBe(false);
    expect(isWorkbenchMethod('__proto__')).toBe(false);
    expect(isWorkbenchMethod('getDocument')).toBe(true);
  });

  it.each([
    ['getDocument', ['abc-123'], true],
    ['getDocument', [], false],
    ['getDocument', ['../etc/passwd'], false],
    ['getDocument', [42], false],
    ['listDocuments', [], true],
    ['listDocuments', ['extra'], false],
    ['updateSettings', [{ analystName: 'Ada' }], true],
    ['updateSettings', [{ analystName: 'Ada', isAdmin: true }], false],
    ['updateSettings', [{ workspaceName: 'Kherson' }], true],
    ['updateSettings', [{ workspaceName: '   ' }], false],
    ['updateSettings', [{ statuses: [] }], false],
    ['updateSettings', [{ statuses: [{ id: 'Bad Id', label: 'x', color: '#000000' }] }], false],
    ['updateSettings', [{ verdictScale: [{ id: 'none', label: 'None', color: '#000000' }] }], false],
    ['getSettingsUsage', [], true],
    ['removeSample', [], true],
    ['removeSample', [true], false],
    ['updateSettings', [{ markdownImport: 'source' }], true],
    ['updateSettings', [{ markdownImport: 'html' }], false],
    ['importText', ['', '# Notes'], true],
    ['importText', ['', '# Notes', { markdown: 'plain' }], true],
    ['importText', ['', '# Notes', { markdown: 'rendered' }], false],
    ['importText', ['', '# Notes', { markdown: 'plain', more: true }], false],
    ['updateDocumentsMeta', [[{ documentId: 'd1', patch: { role: 'source', outlet: 'Telegram' } }]], true],
    ['updateDocumentsMeta', [[]], false],
    ['updateDocumentsMeta', [[{ documentId: 'd1', patch: { role: 'editor' } }]], false],
    ['updateDocumentsMeta', [[{ documentId: '../d1', patch: {} }]], false],
    [
      'createLink',
      [
        {
          relation: 'supports',
          from: { documentId: 'd1', annotationId: 'a1' },
          to: { documentId: 'd2', start: 0, end: 5, annotationId: 'a2' },
        },
      ],
      true,
    ],
    [
      'createLink',
      [{ relation: 'supports', from: { documentId: 'd1', annotationId: 'a1', start: 0 }, to: { documentId: 'd2', annotationId: 'a2' } }],
      false,
    ],
    [
      'createLink',
      [
        {
          relation: 'supports',
          from: { documentId: 'd1', annotationId: 'a1' },
          to: { documentId: 'd2', annotationId: 'a2' },
          creator: 'Eve',
        },
      ],
      false,
    ],
    ['createClaim', [{ statement: 'x'.repeat(2001), mentions: [] }], false],
    ['addMentions', ['c1', Array.from({ length: 1001 }, () => ({ documentId: 'd1', annotationId: 'a1' }))], false],
    ['updateClaim', ['c1', { verdict: null }], true],
    ['updateClaim', ['c1', { verdict: { rating: 'true', date: '2026-08-15', score: 1 } }], false],
    ['getDependents', [{ documentId: 'd1' }], true],
    ['deleteLink', ['../l1'], false],
    ['deleteDocument', ['d1'], true],
    ['deleteDocument', ['../workspace'], false],
    ['getAgreement', [{}], true],
    ['getAgreement', [{ coders: ['Ana', ''], overlap: 0.5, curator: 'curator' }], true],
    ['getAgreement', [{ overlap: 1.5 }], false],
    ['getAgreement', [{ curator: '  ' }], false],
    ['getDisagreements', ['d1', { coders: ['Ana'], curator: 'curator' }], false],
    [
      'curateDisagreement',
      ['d1', { coders: ['Ana', 'Ben'], curator: 'curator', region: { start: 0, end: 5 }, decision: { kind: 'merge' } }],
      true,
    ],
    [
      'curateDisagreement',
      ['d1', { coders: ['Ana', 'Ben'], curator: 'curator', region: { start: 0, end: 5 }, decision: { kind: 'accept', coder: 'Ana' } }],
      true,
    ],
    [
      'curateDisagreement',
      [
        'd1',
        {
          coders: ['Ana', 'Ben'],
          curator: 'curator',
          region: { start: 0, end: 5 },
          decision: { kind: 'edit', annotation: { start: 0, end: 5, tags: ['claim'], id: 'chosen-by-the-window' } },
        },
      ],
      false,
    ],
    [
      'curateDisagreement',
      ['d1', { coders: ['Ana', 'Ben'], curator: 'curator', region: { start: 0, end: 5 }, decision: { kind: 'delete' } }],
      false,
    ],
  ] as const)('%s(%j) parses: %s', (method, args, valid) => {
    expect(workbenchArgs[method].safeParse(args).success).toBe(valid);
  });
});

describe('createWorkbenchClient', () => {
  it('sends each method call through the transport with its arguments', async () => {
    const invoke = vi.fn(async (method: string, args: readonly unknown[]) => ({ value: { method, args } }));
    const client = createWorkbenchClient({ invoke, subscribe: vi.fn() } as unknown as WorkbenchTransport);
    await expect(client.getDocument('d1')).resolves.toEqual({ method: 'getDocument', args: ['d1'] });
    await client.listDocuments();
    expect(invoke).toHaveBeenCalledTimes(2);
    expect(invoke).toHaveBeenLastCalledWith('listDocuments', []);
  });

  it('subscribes to events by their contract name', () => {
    const dispose = vi.fn();
    const subscribe = vi.fn(() => ({ dispose }));
    const client = createWorkbenchClient({ invoke: vi.fn(), subscribe } as unknown as WorkbenchTransport);
    const listener = vi.fn();
    client.onDidChangeSaveState(listener).dispose();
    expect(subscribe).toHaveBeenCalledWith('didChangeSaveState', listener);
    expect(dispose).toHaveBeenCalledOnce();
  });
});
