// The desktop app's entry (built by electron-vite to out/main/index.js). It only wires things up.
import { runDesktopApp } from './electron/app.ts';

runDesktopApp();
