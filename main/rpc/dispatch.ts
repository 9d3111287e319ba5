// Routes one incoming call (from IPC or HTTP) to the service: the method must be in the contract,
// and its arguments must parse with the contract's schema, before the service sees them. On a team
// server, the caller's role must allow the call too (dispatchAs).
import { workbenchArgs } from '../../core/contract/workbench-args.ts';
import {
  WORKBENCH_EVENTS,
  isWorkbenchMethod,
  subscriptionName,
  type WorkbenchEvent,
  type WorkbenchEvents,
  type WorkbenchApi,
  type WorkbenchMethod,
  type WorkbenchService,
} from '../../core/contract/workbench-api.ts';
import type { Disposable } from '../../core/events.ts';
import { fail, ok, type Result } from '../../core/result.ts';
import { authorize, type CreatorLookup } from '../../core/team/roles.ts';
import { runAs, type Actor } from '../team/actor.ts';

/** `forbidden`: the caller's team role may not make this call (only `dispatchAs` answers it). */
export type DispatchError = 'unknown-method' | 'invalid-arguments' | 'forbidden';

type ParsedCall = { readonly method: WorkbenchMethod; readonly args: Parameters<WorkbenchApi[WorkbenchMethod]> };

/** The method must be in the contract and its arguments must parse with its schema. */
function parseCall(method: string, rawArgs: unknown): Result<ParsedCall, 'unknown-method' | 'invalid-arguments'> {
  if (!isWorkbenchMethod(method)) return fail('unknown-method', `"${method}" is not a workbench method`);
  const parsed = workbenchArgs[method].safeParse(rawArgs);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (argument ${issue.path.join('.')})` : '';
    return fail('invalid-arguments', `${method}: ${issue?.message ?? 'invalid arguments'}${where}`);
  }
  return ok({ method, args: parsed.data as ParsedCall['args'] });
}

function call(service: WorkbenchService, { method, args }: ParsedCall): Promise<unknown> {
  return (service[method] as (...args: unknown[]) => Promise<unknown>).apply(service, args);
}

/** Calls `method` with `rawArgs` (an array as received). Failures of the service itself throw. */
export async function dispatch(
  service: WorkbenchService,
  method: string,
  rawArgs: unknown,
): Promise<Result<unknown, Exclude<DispatchError, 'forbidden'>>> {
  const parsed = parseCall(method, rawArgs);
  if (!parsed.ok) return parsed;
  return ok(await call(service, parsed.value));
}

/**
 * A team member's call: parsed as `dispatch` does, then refused (`forbidden`, naming the role it
 * needs) unless the actor's role allows it (core/team/roles.ts; `creators` answers who made what
 * the call would change), before the service sees it; then run as the actor (`runAs`), so that what
 * it makes records the actor as its creator and the store knows who wrote.
 */
export async function dispatchAs(
  service: WorkbenchService,
  actor: Actor,
  method: string,
  rawArgs: unknown,
  creators: CreatorLookup,
): Promise<Result<unknown, DispatchError>> {
  const parsed = parseCall(method, rawArgs);
  if (!parsed.ok) return parsed;
  const allowed = await authorize(actor, parsed.value.method, parsed.value.args as never, creators);
  if (!allowed.ok) return allowed;
  return ok(await runAs(actor, () => call(service, parsed.value)));
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
