// The calls a window's first paint waits on (the workspace, the library's first page, the first
// document), started by the page's first script (renderer/src/boot.ts) while the app's bundle is
// still arriving and being evaluated, instead of one after another once React has rendered
// (issue 23). The app then makes the same calls as always; each early answer is handed to the
// first identical call, once. Any other call, or a later one, goes to the backend.
import type { WorkbenchTransport } from '../../../core/contract/client.ts';
import type { RpcReply } from '../../../core/contract/rpc-reply.ts';
import type { WorkbenchMethod } from '../../../core/contract/workbench-api.ts';

/** The library's first page: what a window lists first (use-workbench.ts). */
export const FIRST_DOCUMENTS = 200;
/** Annotations sent with a document's text: enough for the top of any document (use-workbench.ts). */
export const FIRST_ANNOTATIONS = 500;
/**
 * An early answer not taken by then is dropped: a call made later must see the backend as it is
 * then (the first paint takes its answers within a second or two, even on a busy machine).
 */
export const EARLY_ANSWER_LIFETIME_MS = 15_000;

/** The transport and its early answers, by method and arguments. */
const early = new WeakMap<WorkbenchTransport, Map<string, Promise<RpcReply>>>();

const keyOf = (method: WorkbenchMethod, args: readonly unknown[]) => `${method} ${JSON.stringify(args)}`;

/** `transport`, whose calls take an early answer to the same call when `startFirstCalls` made one. */
export function withEarlyAnswers(transport: WorkbenchTransport): WorkbenchTransport {
  const answers = new Map<string, Promise<RpcReply>>();
  const wrapped: WorkbenchTransport = {
    ...transport,
    invoke(method, args) {
      const key = keyOf(method, args);
      const answer = answers.get(key);
      if (answer === undefined) return transport.invoke(method, args);
      answers.delete(key);
      return answer;
    },
  };
  early.set(wrapped, answers);
  return wrapped;
}

/**
 * Starts the first paint's calls on `transport` (made by `withEarlyAnswers`): the workspace, the
 * library's first page and the document the window opens first, the one named in the address
 * (`#doc=<id>`) or else the library's first, as App.tsx chooses it.
 */
export function startFirstCalls(transport: WorkbenchTransport, hash: string): void {
  const answers = early.get(transport);
  if (answers === undefined) return;
  const start = (method: WorkbenchMethod, args: readonly unknown[]) => {
    const key = keyOf(method, args);
    const answer = transport.invoke(method, args);
    answers.set(key, answer);
    setTimeout(() => answers.get(key) === answer && answers.delete(key), EARLY_ANSWER_LIFETIME_MS);
    return answer;
  };
  start('getWorkspaceInfo', []);
  const page = start('listDocumentsPage', [FIRST_DOCUMENTS]);
  const chosen = new URLSearchParams(hash.slice(1)).get('doc');
  if (chosen !== null) {
    start('getDocument', [chosen, FIRST_ANNOTATIONS]);
    return;
  }
  void page.then((reply) => {
    const first = 'value' in reply ? (reply.value as { documents?: { meta: { id: string } }[] }).documents?.[0]?.meta.id : undefined;
    if (first !== undefined) start('getDocument', [first, FIRST_ANNOTATIONS]);
  });
}
