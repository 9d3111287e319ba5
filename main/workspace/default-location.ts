// Where workspaces live by default: the OS's per-user application data folder, the same folder
// Electron's app.getPath('userData') gives for "Claimbench", so desktop, web host and CLI agree.
import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Claimbench';
export const WORKSPACE_ENV = 'CLAIMBENCH_WORKSPACE';

interface Environment {
  readonly platform: NodeJS.Platform;
  readonly env: NodeJS.ProcessEnv;
  readonly home: string;
}

const current: Environment = { platform: process.platform, env: process.env, home: os.homedir() };

/** The per-user data folder of the app (Electron's `userData`). */
export function userDataDir({ platform, env, home }: Environment = current): string {
  if (platform === 'win32') return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', APP_NAME);
  const configHome = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  return path.join(configHome, APP_NAME);
}

/** The workspace to open: an explicit folder, else `$CLAIMBENCH_WORKSPACE`, else the default one. */
export function resolveWorkspaceDir(explicit: string | undefined, environment: Environment = current): string {
  if (explicit) return path.resolve(explicit);
  const fromEnv = environment.env[WORKSPACE_ENV];
  if (fromEnv) return path.resolve(fromEnv);
  return path.join(userDataDir(environment), 'workspace');
}
