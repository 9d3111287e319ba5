// Claimbench needs no browser permission: no camera, microphone, location, notifications,
// clipboard reading, HID/USB/serial device, or fullscreen request from a page. So a session grants
// none, whichever page asks; a feature that one day needs one adds it here, with a test.

/** The part of Electron's Session this module uses. */
export interface SessionLike {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (webContents: unknown, permission: string, requestingOrigin: string, details: unknown) => boolean,
  ): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
}

/**
 * Answers every permission request, permission check and device-permission check of `session`
 * with "no". Without a request handler Electron grants every request.
 */
export function denyAllPermissions(session: SessionLike): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
