// Who is looking at what: on a team server, each window says which document it shows, and every
// window hears who else is where ("Ben is reading this too"). The desktop app has one reader, so
// there it only ever lists that window.
import type { Result } from '../result.ts';

export interface Viewer {
  /** The window's own random id (a person may have several windows). */
  readonly windowId: string;
  /** The member's name (the analyst's name from the settings outside a team server). */
  readonly name: string;
  /** The document shown, or null (the library, the claims view…). */
  readonly documentId: string | null;
}

export interface Presence {
  readonly viewers: readonly Viewer[];
}

export interface PresenceApi {
  /**
   * Says which document this window shows (null: none). A window says it again every 30 s while
   * it is open; one that has not for 90 s is taken as gone. Answers who is where now.
   */
  reportViewing(windowId: string, documentId: string | null): Promise<Result<Presence, never>>;
  /** Says this window is closing: it leaves the list at once. */
  leaveViewing(windowId: string): Promise<Result<Presence, never>>;
}

/** This half's method list (the compiler checks it against the interface). */
export const presenceMethods = {
  reportViewing: true,
  leaveViewing: true,
} as const satisfies Record<keyof PresenceApi, true>;
