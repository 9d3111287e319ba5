import { describe, expect, it } from 'vitest';
import { isOwnUrl } from './url-policy.ts';
import { hardenWebContents, type NavigationEvent, type WebContentsLike } from './web-contents-policy.ts';

/** A WebContents stand-in that keeps the listeners and handler, so the test can fire them as Electron would. */
function fakeWebContents() {
  const listeners = new Map<string, ((event: NavigationEvent) => void)[]>();
  let windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents: WebContentsLike = {
    on: (event: string, listener: (event: NavigationEvent) => void) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
    },
    setWindowOpenHandler: (handler) => {
      windowOpenHandler = handler;
    },
  };
  /** Fires `event` for `url`; true when some listener prevented it. */
  const fire = (event: string, url: string): boolean => {
    let prevented = false;
    const registered = listeners.get(event) ?? [];
    if (registered.length === 0) throw new Error(`nothing listens to ${event}`);
    for (const listener of registered) listener({ url, preventDefault: () => void (prevented = true) });
    return prevented;
  };
  const openWindow = (url: string) => {
    if (windowOpenHandler === undefined) throw new Error('no window-open handler');
    return windowOpenHandler({ url });
  };
  return { contents, fire, openWindow };
}

function hardened(devServerUrl?: string) {
  const fake = fakeWebContents();
  const opened: string[] = [];
  hardenWebContents(fake.contents, { isOwnPage: (url) => isOwnUrl(url, devServerUrl), openInSystemBrowser: (url) => opened.push(url) });
  return { ...fake, opened };
}

describe('hardenWebContents', () => {
  describe.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s', (event) => {
    it.each([
      ['app://claimbench/index.html', false],
      ['https://evil.example/', true],
      ['http://localhost:5173/', true],
      ['file:///etc/passwd', true],
      ['app://claimbench.evil.example/', true],
      ['data:text/html,hi', true],
    ])('to %s: prevented %s', (url, prevented) => {
      expect(hardened().fire(event, url)).toBe(prevented);
    });

    it('lets the dev server through in development only', () => {
      expect(hardened('http://localhost:5173').fire(event, 'http://localhost:5173/')).toBe(false);
      expect(hardened(undefined).fire(event, 'http://localhost:5173/')).toBe(true);
    });
  });

  it('refuses every <webview>', () => {
    expect(hardened().fire('will-attach-webview', 'app://claimbench/index.html')).toBe(true);
  });

  it.each([
    ['https://example.org/source', 'https://example.org/source'],
    ['http://example.org/', 'http://example.org/'],
    ['file:///home/ada/.ssh/id_rsa', undefined],
    ['smb://attacker/share', undefined],
    ['ms-msdt:/id PCWDiagnostic', undefined],
    ['app://claimbench/index.html', undefined],
    ['javascript:alert(1)', undefined],
  ])('denies the new window for %s, and opens %s in the system browser', (url, external) => {
    const { openWindow, opened } = hardened();
    expect(openWindow(url)).toEqual({ action: 'deny' });
    expect(opened).toEqual(external === undefined ? [] : [external]);
  });
});
