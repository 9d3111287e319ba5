// Who is making the current call on a team server. The host authenticates a request, then runs its
// `dispatch()` inside `runAs(actor, …)`; everything that call does (the service, the change log, the
// store's write transaction) can ask `currentActor()` without passing it through every signature.
// Node's AsyncLocalStorage follows the call through awaits, timers and promise callbacks. Undefined
// outside a team request (the desktop app, the local web host, the CLI).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { TeamRole } from '../../core/team/roles.ts';

export type { TeamRole } from '../../core/team/roles.ts';

export interface Actor {
  /** The member's id in the team database. */
  readonly userId: string;
  /** The member's name: recorded as the author of what they make and change. */
  readonly name: string;
  readonly role: TeamRole;
  /** The window the call came from (echo suppression, presence), when the client says. */
  readonly windowId?: string;
}

const storage = new AsyncLocalStorage<Actor>();

/** Runs `work` as `actor`: `currentActor()` answers `actor` in it and everything it starts. */
export function runAs<T>(actor: Actor, work: () => T): T {
  return storage.run(actor, work);
}

export function currentActor(): Actor | undefined {
  return storage.getStore();
}
