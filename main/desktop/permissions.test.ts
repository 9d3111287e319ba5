import { describe, expect, it } from 'vitest';
import { denyAllPermissions, type SessionLike } from './permissions.ts';

// The permission names Electron 45 passes to its handlers (Session.setPermissionRequestHandler).
const PERMISSIONS = [
  'clipboard-read',
  'clipboard-sanitized-write',
  'display-capture',
  'fullscreen',
  'geolocation',
  'idle-detection',
  'media',
  'mediaKeySystem',
  'midi',
  'midiSysex',
  'notifications',
  'pointerLock',
  'keyboardLock',
  'openExternal',
  'speaker-selection',
  'storage-access',
  'top-level-storage-access',
  'window-management',
  'unknown',
  'fileSystem',
  'hid',
  'serial',
  'usb',
  'deprecated-sync-clipboard-read',
];

function sessionWithDenials() {
  const handlers: Partial<{
    request: Parameters<SessionLike['setPermissionRequestHandler']>[0];
    check: Parameters<SessionLike['setPermissionCheckHandler']>[0];
    device: Parameters<SessionLike['setDevicePermissionHandler']>[0];
  }> = {};
  denyAllPermissions({
    setPermissionRequestHandler: (handler) => void (handlers.request = handler),
    setPermissionCheckHandler: (handler) => void (handlers.check = handler),
    setDevicePermissionHandler: (handler) => void (handlers.device = handler),
  });
  return handlers;
}

describe('denyAllPermissions', () => {
  it.each(PERMISSIONS)('refuses a request for %s', (permission) => {
    const { request } = sessionWithDenials();
    const answers: boolean[] = [];
    request!({}, permission, (granted) => answers.push(granted), { requestingUrl: 'app://claimbench/index.html' });
    expect(answers).toEqual([false]);
  });

  it.each(PERMISSIONS)('answers a check for %s with no', (permission) => {
    expect(sessionWithDenials().check!({}, permission, 'app://claimbench', {})).toBe(false);
  });

  it('refuses access to HID, serial and USB devices', () => {
    expect(sessionWithDenials().device!({ deviceType: 'usb', origin: 'app://claimbench' })).toBe(false);
  });
});
