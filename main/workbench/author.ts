// Who is recorded as the maker of what the service makes (an annotation's or a claim's `creator`, a
// verdict's reviewer): the team member making the call on a team server (main/team/actor.ts), else
// the analyst named in the workspace's settings (the desktop app, the local web host, the CLI).
import type { WorkspaceSettings } from '../../core/model/workspace.ts';
import { currentActor } from '../team/actor.ts';

export function authorName(settings: Pick<WorkspaceSettings, 'analystName'>): string {
  return currentActor()?.name ?? settings.analystName;
}
