// One measured run of the import benchmark, in a process of its own so its peak memory is its own.
//   node bench/import-run.ts full DIR   the whole import path into a new empty workspace
//   node bench/import-run.ts bare DIR   the bare jsdom + Readability + DOMPurify loop on the same files
// Prints {"ms": …, "maxRssMb": …, "documents": …}.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readability } from '@mozilla/readability';
import createDOMPurify, { type WindowLike } from 'dompurify';
import { JSDOM, VirtualConsole } from 'jsdom';
import { EXTRACTORS } from '../main/import/extractors.ts';
import { fileSource, importSources } from '../main/import/import-files.ts';
import { openOrCreateWorkspace } from '../main/workspace/open-workspace.ts';
import { RESOURCES_DIR } from '../main/app-paths.ts';

const [mode, dir] = process.argv.slice(2);
if ((mode !== 'full' && mode !== 'bare') || !dir) throw new Error('usage: import-run.ts full|bare DIR');
const files = (await readdir(dir))
  .filter((name) => name.endsWith('.html'))
  .sort()
  .map((name) => path.join(dir, name));

let documents = 0;
let elapsed: number;
const started = performance.now();
if (mode === 'full') {
  const root = await mkdtemp(path.join(os.tmpdir(), 'claimbench-bench-import-'));
  const { store } = await openOrCreateWorkspace(path.join(root, 'ws'), { resourcesDir: RESOURCES_DIR, empty: true });
  const sources = await Promise.all(files.map((file) => fileSource(file)));
  const outcomes = await importSources(store, sources, { extractors: EXTRACTORS });
  await store.close();
  documents = outcomes.filter((outcome) => outcome.status === 'imported').length;
  elapsed = performance.now() - started;
  await rm(root, { recursive: true, force: true });
} else {
  const purify = createDOMPurify(new JSDOM('', { virtualConsole: new VirtualConsole() }).window as unknown as WindowLike);
  for (const file of files) {
    const html = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(file));
    const dom = new JSDOM(html, { url: 'about:blank', virtualConsole: new VirtualConsole() });
    const article = new Readability(dom.window.document).parse();
    const clean = purify.sanitize(article?.content ?? '', { RETURN_DOM: true });
    if ((clean.textContent ?? '').length > 0) documents++;
    dom.window.close();
    // Let jsdom release the page, as the extractor does.
    await new Promise((resolve) => setImmediate(resolve));
  }
  elapsed = performance.now() - started;
}
process.stdout.write(
  `${JSON.stringify({ ms: Math.round(elapsed), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), documents })}\n`,
);
