// Registers app:// and hands its requests to main/desktop/app-protocol.ts: pages come from
// app://claimbench/, never from file:// or a remote URL.
import { protocol } from 'electron';
import type { ExportStaging } from '../bundle/export-staging.ts';
import { APP_SCHEME_PRIVILEGES, appProtocolResponse } from '../desktop/app-protocol.ts';
import { APP_SCHEME } from '../desktop/url-policy.ts';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
}

/**
 * Serves the renderer, and app://claimbench/api/download/<id>: a finished export of the current
 * workspace's service (`exportsOf`), which Electron offers to save with its save dialog.
 */
export function serveRenderer(rendererDir: string, exportsOf: () => ExportStaging | undefined): void {
  protocol.handle(APP_SCHEME, (request) => appProtocolResponse(request.url, { rendererDir, exportsOf }));
}
