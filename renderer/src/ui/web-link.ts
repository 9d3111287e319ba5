// Which URLs the renderer shows as links: imported data (a fact-check's URL, a claim's review URL)
// can say anything, and a `javascript:` or `file:` URL must never become something to click. The
// desktop shell checks again before it hands a link to the system browser (main/desktop/url-policy.ts).

/**
 * The URL as a link target when it is a plain web address (http or https, no user name or
 * password), else undefined.
 * @example webLink('https://checks.example/vc-1') // { href: 'https://checks.example/vc-1', host: 'checks.example' }
 */
export function webLink(url: string | undefined): { readonly href: string; readonly host: string } | undefined {
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  if (parsed.username !== '' || parsed.password !== '') return undefined;
  return { href: parsed.href, host: parsed.host.replace(/^www\./, '') };
}
