// Builds the three processes: main (out/main), preload (out/preload, CommonJS for the sandbox)
// and the renderer (out/renderer), which the desktop shell and the web host both serve.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './core/security/csp.ts';
import { WORKER_SOURCES } from './main/app-paths.ts';

/** Puts the one CSP into index.html as a <meta> tag (the hosts also send it as a header). */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'claimbench-csp',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The PDF parser and the bundle export run in worker threads of their own (see
      // main/import/formats/pdf.ts and main/bundle/export-job.ts).
      rollupOptions: {
        input: {
          index: resolve('main/index.ts'),
          ...Object.fromEntries(Object.entries(WORKER_SOURCES).map(([name, source]) => [name, resolve(source)])),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // The sandboxed preload can require only 'electron': bundle everything else into it.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    base: './',
    plugins: [react(), contentSecurityPolicy()],
    build: {
      outDir: 'out/renderer',
      // CB_NO_MINIFY=1 keeps names readable in CPU profiles.
      minify: !process.env['CB_NO_MINIFY'],
      chunkSizeWarningLimit: 4000,
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
    worker: { format: 'es' },
  },
});
