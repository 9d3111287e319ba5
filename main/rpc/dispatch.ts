// Routes one incoming call (from IPC or HTTP) to the service: the method must be in the contract,
// and its arguments must parse with the contract's schema, before the service sees them.
import { workbenchArgs } from '../../core/contract/workbench-args.ts';
import {
  WORKBENCH_EVENTS,
  isWorkbenchMethod,
  subscriptionName,
  type WorkbenchEvent,
  type WorkbenchEvents,
  type WorkbenchService,
} from '../../core/contract/workbench-api.ts';
import type { Disposable } from '../../core/events.ts';
import { fail, ok, type Result } from '../../core/result.ts';

export type DispatchError = 'unknown-method' | 'invalid-arguments';

/** Calls `method` with `rawArgs` (an array as received). Failures of the service itself throw. */
export async function dispatch(service: WorkbenchService, method: string, rawArgs: unknown): Promise<Result<unknown, DispatchError>> {
  if (!isWorkbenchMethod(method)) return fail('unknown-method', `"${method}" is not a workbench method`);
  const parsed = workbenchArgs[method].safeParse(rawArgs);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (argument ${issue.path.join('.')})` : '';
    return fail('invalid-arguments', `${method}: ${issue?.message ?? 'invalid arguments'}${where}`);
  }
  const call = service[method] as (...args: unknown[]) => Promise<unknown>;
  return ok(await call.apply(service, parsed.data));
}

/** Subscribes to every event of the contract, for a transport that forwards them all. */
export function forwardEvents(
  service: WorkbenchService,
  send: <E extends WorkbenchEvent>(event: E, payload: WorkbenchEvents[E]) => void,
): Disposable {
  const subscriptions = WORKBENCH_EVENTS.map((event) =>
    (service[subscriptionName(event)] as (listener: (payload: unknown) => void) => Disposable)((payload) => send(event, payload as never)),
  );
  return { dispose: () => subscriptions.forEach((subscription) => subscription.dispose()) };
}
