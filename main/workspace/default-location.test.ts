import { describe, expect, it } from 'vitest';
import { resolveWorkspaceDir, userDataDir } from './default-location.ts';

describe('userDataDir (the same folder as Electron userData for "Claimbench")', () => {
  it.each([
    ['linux', {}, '/home/ada/.config/Claimbench'],
    ['linux', { XDG_CONFIG_HOME: '/xdg' }, '/xdg/Claimbench'],
    ['linux', { XDG_CONFIG_HOME: 'relative' }, '/home/ada/.config/Claimbench'],
    ['darwin', {}, '/home/ada/Library/Application Support/Claimbench'],
    ['win32', { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'C:\\Users\\ada\\AppData\\Roaming\\Claimbench'],
  ] as const)('%s %j', (platform, env, expected) => {
    expect(userDataDir({ platform, env, home: '/home/ada' })).toBe(expected);
  });
});

describe('resolveWorkspaceDir', () => {
  const environment = { platform: 'linux' as const, home: '/home/ada' };
  it('prefers the explicit folder, then CLAIMBENCH_WORKSPACE, then the default', () => {
    expect(resolveWorkspaceDir('/explicit', { ...environment, env: { CLAIMBENCH_WORKSPACE: '/env' } })).toBe('/explicit');
    expect(resolveWorkspaceDir(undefined, { ...environment, env: { CLAIMBENCH_WORKSPACE: '/env' } })).toBe('/env');
    expect(resolveWorkspaceDir(undefined, { ...environment, env: {} })).toBe('/home/ada/.config/Claimbench/workspace');
  });
});
