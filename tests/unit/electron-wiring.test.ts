// The desktop shell's wiring, checked by reading its source. Electron cannot run in these tests (no
// binary on CI machines), so whether main/electron/ *applies* the policies decided and unit-tested in
// main/desktop/ is checked here statically; what the policies *do* is tested behaviourally beside
// them. Calls are found in the TypeScript syntax tree, so comments and strings do not count.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');

interface Call {
  /** The called expression as written, e.g. `app.on`. */
  readonly callee: string;
  readonly args: readonly string[];
  /** Offset in the file, to compare the order of calls. */
  readonly at: number;
}

async function callsIn(file: string): Promise<Call[]> {
  const source = ts.createSourceFile(file, await readFile(path.join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const calls: Call[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node))
      calls.push({
        callee: node.expression.getText(source),
        args: node.arguments.map((arg) => arg.getText(source)),
        at: node.getStart(source),
      });
    ts.forEachChild(node, visit);
  };
  visit(source);
  return calls;
}

function only(calls: readonly Call[], callee: string, firstArg?: string): Call {
  const matching = calls.filter((call) => call.callee === callee && (firstArg === undefined || call.args[0] === firstArg));
  expect(matching, `${callee}(${firstArg ?? '…'}) is called once`).toHaveLength(1);
  return matching[0]!;
}

describe('main/electron/app.ts', () => {
  it('sandboxes every renderer, registers app: and hardens every webContents before the app is ready', async () => {
    const calls = await callsIn('main/electron/app.ts');
    const ready = only(calls, 'app.whenReady');
    const sandbox = only(calls, 'app.enableSandbox');
    const scheme = only(calls, 'registerAppScheme');
    const created = only(calls, 'app.on', "'web-contents-created'");
    expect(created.args[1]).toMatch(/^\(_event, contents\) => \{\s*hardenWebContents\(contents, /);
    for (const early of [sandbox, scheme, created]) expect(early.at).toBeLessThan(ready.at);
  });

  it('denies every permission on the default session, and serves the renderer from app:', async () => {
    const calls = await callsIn('main/electron/app.ts');
    expect(only(calls, 'denyAllPermissions').args).toEqual(['session.defaultSession']);
    expect(only(calls, 'serveRenderer').args[0]).toBe('APP_LAYOUT.rendererDir');
  });

  it('opens links in the system browser only through safeExternalUrl', async () => {
    const calls = await callsIn('main/electron/app.ts');
    expect(only(calls, 'shell.openExternal').args).toEqual(['external']);
    expect(only(calls, 'safeExternalUrl').args).toEqual(['url']);
  });
});

describe('main/electron/window.ts', () => {
  it('makes its window with createSecureWindow and loads our own origin', async () => {
    const calls = await callsIn('main/electron/window.ts');
    expect(only(calls, 'createSecureWindow').args[0]).toBe('BrowserWindow');
    expect(only(calls, 'window.loadURL').args[0]).toBe('devServerUrl ?? `${APP_ORIGIN}/index.html`');
    expect(calls.filter((call) => call.callee.endsWith('.loadFile'))).toEqual([]);
  });
});

describe('main/electron/protocol.ts', () => {
  it('registers app: with the tested privileges and answers it with appProtocolResponse', async () => {
    const calls = await callsIn('main/electron/protocol.ts');
    expect(only(calls, 'protocol.registerSchemesAsPrivileged').args[0]).toBe('[{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]');
    expect(only(calls, 'protocol.handle').args).toEqual([
      'APP_SCHEME',
      '(request) => appProtocolResponse(request.url, { rendererDir, exportsOf })',
    ]);
  });
});

describe('main/electron/ipc.ts', () => {
  it('trusts only frames showing our own pages', async () => {
    const calls = await callsIn('main/electron/ipc.ts');
    expect(only(calls, 'registerIpc').args[3]).toBe('(url) => isOwnUrl(url, devServerUrl)');
  });
});

describe('preload/index.ts', () => {
  it('exposes the contract bridge and nothing else', async () => {
    const calls = await callsIn('preload/index.ts');
    const exposed = only(calls, 'contextBridge.exposeInMainWorld');
    expect(exposed.args[0]).toBe('BRIDGE_GLOBAL');
    expect(exposed.args[1]).toMatch(/^buildBridge\(/);
  });
});

describe('no remote module', () => {
  it('the app does not depend on @electron/remote', async () => {
    const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as Record<
      string,
      Record<string, string> | undefined
    >;
    expect({ ...manifest['dependencies'], ...manifest['devDependencies'] }).not.toHaveProperty('@electron/remote');
  });
});
