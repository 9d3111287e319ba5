// Where the app's own files are when it runs from this checkout (CLI, web host, tests).
import path from 'node:path';

/** The checkout's root: main/ sits directly under it. */
export const APP_ROOT = path.resolve(import.meta.dirname, '..');
export const RESOURCES_DIR = path.join(APP_ROOT, 'resources');
export const RENDERER_DIR = path.join(APP_ROOT, 'out', 'renderer');
