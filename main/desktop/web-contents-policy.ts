// What every page's webContents may do, applied to each one as Electron creates it (the main
// window, and any other a bug or a future feature might create): stay on our own origin, open no
// windows, embed no <webview>. Written against the few WebContents members it uses, so it is
// tested with a stand-in; main/electron/app.ts applies it on 'web-contents-created'.
import { safeExternalUrl } from './url-policy.ts';

/** The part of Electron's navigation events this policy reads. */
export interface NavigationEvent {
  readonly url: string;
  preventDefault(): void;
}

/** The part of Electron's WebContents this policy uses. */
export interface WebContentsLike {
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { readonly url: string }) => { action: 'deny' }): void;
}

export interface PagePolicy {
  /** Pages a webContents may show: our own origin (and the dev server in development). */
  isOwnPage(url: string): boolean;
  /** Opens a URL that `safeExternalUrl` accepted in the system browser. */
  openInSystemBrowser(url: string): void;
}

/**
 * Denies navigation (of any frame, and redirects) away from our own pages, every new window, and
 * every <webview>. A link meant for a new window opens in the system browser if it is a plain
 * http(s) link, and nowhere otherwise.
 */
export function hardenWebContents(contents: WebContentsLike, policy: PagePolicy): void {
  const stayOnOwnPages = (event: NavigationEvent) => {
    if (!policy.isOwnPage(event.url)) event.preventDefault();
  };
  // 'will-navigate' covers the top frame, 'will-frame-navigate' every frame, 'will-redirect' a
  // server redirect of a navigation that started on an allowed URL.
  contents.on('will-navigate', stayOnOwnPages);
  contents.on('will-frame-navigate', stayOnOwnPages);
  contents.on('will-redirect', stayOnOwnPages);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const external = safeExternalUrl(url);
    if (external !== undefined) policy.openInSystemBrowser(external);
    return { action: 'deny' };
  });
}
