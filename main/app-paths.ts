// Where the app's own files are when it runs from this checkout (CLI, web host, tests).
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The checkout's root: main/ sits directly under it. */
export const APP_ROOT = path.resolve(import.meta.dirname, '..');
export const RESOURCES_DIR = path.join(APP_ROOT, 'resources');
export const RENDERER_DIR = path.join(APP_ROOT, 'out', 'renderer');

/** The app's version, from package.json (written into every export's manifest). */
export function appVersion(): string {
  return (JSON.parse(readFileSync(path.join(APP_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}
