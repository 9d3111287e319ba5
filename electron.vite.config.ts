// Builds the three processes: main (out/main), preload (out/preload, CommonJS for the sandbox)
// and the renderer (out/renderer), which the desktop shell and the web host both serve.
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
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

/**
 * Names the app's chunk (renderer/src/main.tsx), the chunks it imports and its styles in index.html,
 * so the browser fetches them at once, beside the page's first script (renderer/src/boot.ts) that
 * starts the first calls and then imports the app, not only when that script has run.
 */
function preloadApp(entry: string): Plugin {
  return {
    name: 'claimbench-preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        const chunks = new Map(
          Object.values(bundle ?? {}).flatMap((output) => (output.type === 'chunk' ? [[output.fileName, output]] : [])),
        );
        const app = [...chunks.values()].find((chunk) => chunk.facadeModuleId === entry);
        if (app === undefined) throw new Error(`claimbench-preload-app: no chunk for ${entry}`);
        const scripts = new Set([app.fileName]);
        for (const name of scripts) for (const imported of chunks.get(name)?.imports ?? []) scripts.add(imported);
        const styles = [...scripts].flatMap((name) => [...(chunks.get(name)?.viteMetadata?.importedCss ?? [])]);
        const link = (rel: string, href: string) => ({
          tag: 'link',
          attrs: { rel, crossorigin: true, href: `./${href}` },
          injectTo: 'head' as const,
        });
        // The page's own script (which the app imports too) is in the page already.
        const preloaded = [...scripts].filter((name) => chunks.get(name)?.isEntry !== true);
        return [...preloaded.map((name) => link('modulepreload', name)), ...styles.map((name) => link('stylesheet', name))];
      },
    },
  };
}

/** Text assets worth compressing: what the web host sends a browser (see main/web/static-files.ts). */
const COMPRESSIBLE = /\.(js|mjs|css|svg|json|ttf|html)$/;

/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside each built text asset over 1 KiB, once, for
 * the web host to send browsers that accept them. Brotli quality 9: within a few per cent of 11's
 * size at a twentieth of its time on the 3.6 MB main chunk (0.5 s against 11.8 s here).
 */
function precompress(): Plugin {
  const brotli = promisify(brotliCompress);
  const gzipped = promisify(gzip);
  return {
    name: 'claimbench-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? 'out/renderer';
      const files = [...Object.keys(bundle), 'index.html'].filter(
        (name, index, all) => COMPRESSIBLE.test(name) && all.indexOf(name) === index,
      );
      await Promise.all(
        files.map(async (name) => {
          const bytes = await readFile(join(dir, name)).catch(() => undefined);
          if (bytes === undefined || bytes.length < 1024) return;
          const [br, gz] = await Promise.all([
            brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
            gzipped(bytes, { level: 9 }),
          ]);
          await Promise.all([writeFile(join(dir, `${name}.br`), br), writeFile(join(dir, `${name}.gz`), gz)]);
        }),
      );
    },
  };
}

/**
 * Packages bundled into out/main instead of loaded from node_modules: the ones `claimbench serve`,
 * `team serve` and the desktop shell import before they answer (measured with a resolve hook).
 */
const STARTUP_PACKAGES = ['zod', 'fast-xml-parser', 'lowdb', 'yauzl', 'approx-string-match', 'kysely'];

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The packages every start loads go into the build, so Node loads a few files instead of
      // about 130 of theirs (zod alone is 95 modules); the rest stay in node_modules.
      externalizeDeps: { exclude: STARTUP_PACKAGES },
      // The PDF parser and the bundle export run in worker threads of their own (see
      // main/import/formats/pdf.ts and main/bundle/export-job.ts). `cli` is the claimbench command
      // (bin/claimbench.mjs runs it when it is newer than the sources).
      rollupOptions: {
        input: {
          index: resolve('main/index.ts'),
          cli: resolve('main/cli/main.ts'),
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
    plugins: [react(), contentSecurityPolicy(), preloadApp(resolve('renderer/src/main.tsx')), precompress()],
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
