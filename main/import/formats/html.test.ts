import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, type Extracted } from '../extract-types.ts';
import { isoDate, languageTag } from './html-metadata.ts';
import { htmlToText } from './html-text.ts';
import { decodeHtml, extractHtml } from './html.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const input = (bytes: Uint8Array, signal?: AbortSignal) => ({ bytes, fileName: 'page.html', limits: DEFAULT_LIMITS, signal });

async function extracted(html: string | Uint8Array): Promise<Extracted> {
  const result = await extractHtml(input(typeof html === 'string' ? utf8(html) : html));
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function expectHeadingsAtTheirOffsets({ text, headings = [] }: Extracted): void {
  for (const heading of headings) expect(text.slice(heading.start, heading.start + heading.text.length)).toBe(heading.text);
}

const LEDE =
  'The engineers’ report, released on Tuesday, says the Kettle Falls dam has cracks in three places and that repairs would cost more than the council has budgeted for the whole decade.';
const SECOND =
  'Inspectors found the cracks during a routine survey last autumn. They recommend lowering the reservoir by two metres until the work is done, which the water company opposes.';
const QUOTE =
  '“We have never seen anything like it in forty years,” said the lead inspector, who asked not to be named because she is not authorized to speak to the press.';
const LAST =
  'The council will discuss the report on Thursday evening in an open session that residents may attend and speak at, the mayor’s office said.';

const NEWS_PAGE = `<!DOCTYPE html>
<html lang="en-gb">
<head>
  <meta charset="utf-8">
  <title>Dam report finds cracks in three places | The Valley Courier</title>
  <meta property="og:title" content="Dam report finds cracks in three places">
  <meta property="og:site_name" content="The Valley Courier">
  <meta property="article:published_time" content="2024-03-05T08:30:00+01:00">
  <link rel="canonical" href="https://courier.example/news/2024/03/dam-report">
</head>
<body>
  <header class="site-header"><a href="/">The Valley Courier</a>
    <nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
  </header>
  <main>
    <article>
      <h1>Dam report finds cracks in three places</h1>
      <p class="byline">By <a rel="author" href="/staff/jane-doe">Jane Doe</a></p>
      <p>${LEDE}</p>
      <h2>What the   inspectors found</h2>
      <p>${SECOND}</p>
      <blockquote><p>${QUOTE}</p></blockquote>
      <h3>Cracks</h3>
      <ul><li>North wall, 2 m</li><li>Spillway, <em>0.5 m</em></li></ul>
      <p>${LAST}</p>
    </article>
    <aside class="sidebar"><h2>Most read</h2><ol><li><a href="/cats">Cat stuck in tree</a></li><li><a href="/rain">Rain</a></li></ol></aside>
  </main>
  <footer class="site-footer"><p>© 2024 The Valley Courier. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body>
</html>`;

describe('extractHtml on a news article', () => {
  it('keeps the article without the page around it, with its metadata', async () => {
    const page = await extracted(NEWS_PAGE);
    const expectedText = [
      'Dam report finds cracks in three places',
      LEDE,
      'What the inspectors found',
      SECOND,
      QUOTE,
      'Cracks',
      'North wall, 2 m\nSpillway, 0.5 m',
      LAST,
    ].join('\n\n');
    expect(page).toEqual({
      format: 'html',
      text: expectedText,
      title: 'Dam report finds cracks in three places',
      author: 'Jane Doe',
      outlet: 'The Valley Courier',
      publishedAt: '2024-03-05T08:30:00+01:00',
      sourceUrl: 'https://courier.example/news/2024/03/dam-report',
      language: 'en-GB',
      headings: [
        { level: 1, text: 'Dam report finds cracks in three places', start: 0 },
        { level: 2, text: 'What the inspectors found', start: expectedText.indexOf('What the') },
        { level: 3, text: 'Cracks', start: expectedText.indexOf('Cracks\n') },
      ],
    });
    expectHeadingsAtTheirOffsets(page);
  });

  it('falls back to the page text when there is no article', async () => {
    const page = await extracted(`<html><head><title> Opening hours </title></head><body>
      <p>Open Monday to Friday.</p><p>Closed on   public holidays.</p><div>Call <b>555-0100</b> to book.</div></body></html>`);
    expect(page.text).toBe('Open Monday to Friday.\n\nClosed on public holidays.\n\nCall 555-0100 to book.');
    expect(page.title).toBe('Opening hours');
    expect(page.sourceUrl).toBeUndefined();
    expect(page.publishedAt).toBeUndefined();
  });

  it.each([
    ['an empty file', ''],
    ['markup without text', '<html><head><title>Nothing</title></head><body> <div> </div> </body></html>'],
    ['only scripts and styles', '<body><script>document.write("hi")</script><style>p{}</style><noscript>Enable JS</noscript></body>'],
  ])('rejects %s as empty', async (_name, html) => {
    const result = await extractHtml(input(utf8(html)));
    expect(result.ok ? 'ok' : result.error.code).toBe('empty');
  });

  it('stops before parsing when the import is already cancelled', async () => {
    const result = await extractHtml(input(utf8(NEWS_PAGE), AbortSignal.abort()));
    expect(result).toEqual({ ok: false, error: { code: 'cancelled', message: 'the import was cancelled' } });
  });
});

describe('decoding', () => {
  const PAGE = '<html><body><p>Київ — café 🙂</p></body></html>';

  it.each([
    ['UTF-8', utf8(PAGE)],
    ['UTF-8 with a BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(PAGE)])],
    ['UTF-16 LE with a BOM', new Uint8Array([0xff, 0xfe, ...Buffer.from(PAGE, 'utf16le')])],
    ['UTF-16 BE with a BOM', new Uint8Array([0xfe, 0xff, ...Buffer.from(PAGE, 'utf16le').swap16()])],
    ['UTF-8 declared as UTF-16 (read as UTF-8, as browsers do)', utf8(`<meta charset="utf-16">${PAGE}`)],
  ])('reads %s', async (_name, bytes) => {
    expect((await extracted(bytes)).text).toBe('Київ — café 🙂');
  });

  it('honours a declared legacy encoding', async () => {
    const head = utf8('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head><body><p>');
    const bytes = new Uint8Array([...head, 0x93, 0x43, 0x61, 0x66, 0xe9, 0x94, 0x20, 0x80, 0x35, ...utf8('</p></body></html>')]);
    expect((await extracted(bytes)).text).toBe('“Café” €5');
  });

  it.each([
    ['a Latin-1 byte in a UTF-8 page', new Uint8Array([...utf8('<p>caf'), 0xe9, ...utf8('</p>')]), 'not valid UTF-8 at byte 6'],
    ['a truncated sequence after a BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('<p>ab'), 0xe2, 0x82]), 'not valid UTF-8 at byte 8'],
    [
      'an unpaired surrogate in UTF-16',
      new Uint8Array([0xff, 0xfe, 0x3c, 0x00, 0x3d, 0xd8, 0x3e, 0x00]),
      'not valid UTF-16LE (an unpaired surrogate or an odd number of bytes)',
    ],
  ])('rejects %s', async (_name, bytes, message) => {
    expect(decodeHtml(bytes)).toEqual({ ok: false, error: { code: 'invalid-encoding', message } });
    const result = await extractHtml(input(bytes));
    expect(result.ok ? 'ok' : result.error).toEqual({ code: 'invalid-encoding', message });
  });
});

describe('metadata', () => {
  const article = (head: string, body = '') =>
    `<html><head>${head}</head><body><article>${body}<p>${LEDE}</p><p>${SECOND}</p><p>${LAST}</p></article></body></html>`;

  it.each([
    ['article:published_time', article('<meta property="article:published_time" content="2024-03-05T07:30:00Z">'), '2024-03-05T07:30:00Z'],
    ['a <meta name=date> in RFC 2822', article('<meta name="date" content="Tue, 05 Mar 2024 10:00:00 GMT">'), '2024-03-05T10:00:00Z'],
    [
      'JSON-LD in an @graph',
      article(
        '<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2024-03-05"}]}</script>',
      ),
      '2024-03-05',
    ],
    [
      'broken JSON-LD, then <time>',
      article('<script type="application/ld+json">{oops</script>', '<time datetime="2024-03-04T22:00:00-05:00">yesterday</time>'),
      '2024-03-04T22:00:00-05:00',
    ],
    ['a date that is not one', article('<meta name="date" content="last Tuesday">'), undefined],
  ])('reads publishedAt from %s', async (_name, html, expected) => {
    expect((await extracted(html)).publishedAt).toBe(expected);
  });

  it.each([
    [
      'a relative canonical link, then og:url',
      '<link rel="canonical" href="/a"><meta property="og:url" content="https://news.example/a?x=1">',
      'https://news.example/a?x=1',
    ],
    ['a javascript: canonical link', '<link rel="canonical" href="javascript:alert(1)">', undefined],
    ['a file: og:url', '<meta property="og:url" content="file:///etc/passwd">', undefined],
  ])('reads sourceUrl from %s', async (_name, head, expected) => {
    expect((await extracted(article(head))).sourceUrl).toBe(expected);
  });

  it('uses <meta> names when Readability finds none of its own', async () => {
    const page = await extracted(
      `<html lang="uk_UA"><head><title>Звіт</title><meta property="og:site_name" content="Кур’єр"></head><body><p>Короткий текст.</p></body></html>`,
    );
    expect([page.title, page.outlet, page.language]).toEqual(['Звіт', 'Кур’єр', 'uk-UA']);
  });

  it.each([
    ['2024-03-05', '2024-03-05'],
    ['2024-03-05T10:00:00', '2024-03-05'],
    ['2024-03-05 10:00', '2024-03-05'],
    ['2024-03-05T10:00:00.250+05:30', '2024-03-05T10:00:00.250+05:30'],
    ['2024-03-05T10:00+0200', '2024-03-05T08:00:00Z'],
    ['March 5, 2024', '2024-03-05'],
    ['2024-02-30', undefined],
    ['2024', undefined],
    ['soon', undefined],
  ])('isoDate(%j) is %j', (value, expected) => {
    expect(isoDate(value)).toBe(expected);
  });

  it.each([
    ['en', 'en'],
    ['EN-us', 'en-US'],
    ['pt_BR', 'pt-BR'],
    ['de, en', 'de'],
    ['not a language!', undefined],
    ['', undefined],
  ])('languageTag(%j) is %j', (value, expected) => {
    expect(languageTag(value)).toBe(expected);
  });
});

describe('htmlToText', () => {
  it.each([
    ['collapses whitespace inside a paragraph', '<p>  one\n  two\t three&nbsp; </p>', 'one two three'],
    ['separates paragraphs by a blank line', '<p>one</p><div>two</div><blockquote>three</blockquote>', 'one\n\ntwo\n\nthree'],
    ['keeps spaces between inline elements', '<p><b>bold</b> <i>italic</i>, <a>link</a>!</p>', 'bold italic, link!'],
    ['puts list items on lines', '<ul><li>a</li><li>b <ul><li>b1</li></ul></li></ul><p>after</p>', 'a\nb\nb1\n\nafter'],
    ['breaks lines at <br>, paragraphs at two', '<p>a<br>b<br><br>c</p>', 'a\nb\n\nc'],
    ['keeps preformatted text as it is', '<p>code:</p><pre>  if (x)\n    y();\n</pre><p>done</p>', 'code:\n\n  if (x)\n    y();\n\ndone'],
    [
      'puts table rows on lines',
      '<table><tr><th>Year</th><th>Cost</th></tr><tr><td>2024</td><td>£3m</td></tr></table>',
      'Year Cost\n2024 £3m',
    ],
    [
      'drops forbidden elements with their text',
      '<p>a<script>bad()</script><style>p{}</style><svg><text>svg</text></svg><select><option>opt</option></select>b</p>',
      'ab',
    ],
    ['keeps the text of unknown elements', '<p>a <x-quote>quoted</x-quote> b</p>', 'a quoted b'],
    ['composes a mark split from its letter', '<p>cafe<i>\u0301</i></p>', 'caf\u00e9'],
  ])('%s', (_name, html, expected) => {
    expect(htmlToText(html).text).toBe(expected);
  });

  it.each([
    [
      'plain headings',
      '<h1>Title</h1><p>a</p><h2>Sub <i>head</i></h2><p>b</p>',
      [
        { level: 1, text: 'Title', start: 0 },
        { level: 2, text: 'Sub head', start: 10 },
      ],
    ],
    ['an empty heading', '<p>a</p><h2> </h2><p>b</p>', []],
    [
      'a heading after text that NFC shortens',
      '<p>e<b>\u0301</b>e\u0301</p><h2>Re\u0301sume\u0301</h2>',
      [{ level: 2, text: 'R\u00e9sum\u00e9', start: 4 }],
    ],
  ])('finds the offsets of %s', (_name, html, expected) => {
    const result = htmlToText(html);
    expect(result.headings).toEqual(expected);
    expectHeadingsAtTheirOffsets({ format: 'html', ...result });
  });
});

describe('extractHtml on a hostile page', () => {
  const markers = [
    'INLINE_SCRIPT_RAN',
    'REMOTE_SCRIPT',
    'HANDLER_RAN',
    'JS_URL_RAN',
    'SVG_SCRIPT_RAN',
    'SRCDOC_RAN',
    'TEMPLATE_SCRIPT',
    'NOSCRIPT_TEXT',
    'FORM_VALUE',
    'STYLE_TEXT',
    'pwned',
  ];

  // Every active part tries to leave a trace: write a marker into the article (it would show in the
  // text), set a global, or call the trap server. Every remote reference points at the trap.
  // jsdom would run page scripts in a context of their own, so the Node global only catches a
  // script that escaped to Node; the markers catch one that ran inside jsdom.
  const hostilePage = (trap: string, withArticle: boolean, [lede, second, last]: readonly string[]) => `<!DOCTYPE html>
<html><head>
  <title>Hostile page</title>
  <base href="${trap}/base/">
  <meta http-equiv="refresh" content="0; url=${trap}/refresh">
  <link rel="stylesheet" href="${trap}/style.css"><link rel="icon" href="${trap}/favicon.ico">
  <link rel="preload" as="script" href="${trap}/preload.js"><link rel="prefetch" href="${trap}/prefetch">
  <style>@import url("${trap}/import.css"); body { background: url(${trap}/bg.png) } .x::after { content: "STYLE_TEXT" }</style>
  <script>globalThis.pwned = 'inline'; document.title = 'INLINE_SCRIPT_RAN'; fetch('${trap}/inline-fetch');</script>
  <script src="${trap}/remote.js"></script><script src="relative-to-base.js"></script>
  <script type="module" src="${trap}/module.js"></script>
</head>
<body onload="globalThis.pwned = 'onload'; document.body.append('HANDLER_RAN')">
  <nav><a href="javascript:globalThis.pwned='nav'">Home</a></nav>
  <${withArticle ? 'article' : 'aside'}>
    <h1 onclick="globalThis.pwned='h1'">A page that fights back</h1>
    <p>${lede}<script>document.currentScript.parentNode.append(' INLINE_SCRIPT_RAN'); globalThis.pwned = 'inline'</script></p>
    <p><a href="javascript:document.title='JS_URL_RAN'">More</a> <a href="data:text/html,<script>parent.pwned=1</script>">data</a>
      <a href="vbscript:msgbox('JS_URL_RAN')" ping="${trap}/ping">vb</a></p>
    <img src="${trap}/img.png" onerror="globalThis.pwned='onerror'; document.body.append('HANDLER_RAN')" srcset="${trap}/img-2x.png 2x">
    <img src="relative.png" onload="globalThis.pwned = 'img'">
    <picture><source srcset="${trap}/pic.webp" type="image/webp"><img src="${trap}/pic.png" alt="a picture"></picture>
    <video src="${trap}/video.mp4" poster="${trap}/poster.png"><track src="${trap}/subs.vtt"></video>
    <audio src="${trap}/audio.mp3" autoplay></audio>
    <iframe src="${trap}/frame.html"></iframe>
    <iframe srcdoc="<script>parent.document.title='SRCDOC_RAN'</script>"></iframe>
    <object data="${trap}/object.swf"><embed src="${trap}/embed.swf"></object>
    <div style="background-image: url('${trap}/div-bg.png')" onmouseover="globalThis.pwned='hover'"></div>
    <p>${second}</p>
    <svg onload="globalThis.pwned='svg'"><script>document.querySelector('p').append(' SVG_SCRIPT_RAN')</script><image href="${trap}/svg-image.png"/><a xlink:href="javascript:alert(1)"><text>SVG link</text></a></svg>
    <math><mtext><script>document.title = 'SVG_SCRIPT_RAN'</script></mtext></math>
    <template><script>globalThis.pwned = 'template'; TEMPLATE_SCRIPT</script></template>
    <noscript><p>NOSCRIPT_TEXT</p><img src="${trap}/noscript.png"></noscript>
    <form action="${trap}/form" method="post"><input type="image" src="${trap}/input.png"><input name="q" value="FORM_VALUE"><button formaction="javascript:alert(1)">Go</button></form>
    <p>${last}</p>
  </${withArticle ? 'article' : 'aside'}>
</body></html>`;

  afterEach(() => {
    delete (globalThis as Record<string, unknown>).pwned;
  });

  it.each([
    ['through Readability', true, [LEDE, SECOND, LAST]],
    // With no paragraph of 25 characters Readability finds no article, only the menu's "Home".
    ['through the fallback to the page text', false, ['Short one.', 'Short two.', 'Short three.']],
  ] as const)('runs nothing and fetches nothing %s', async (_name, withArticle, paragraphs) => {
    const requests: string[] = [];
    let connections = 0;
    const trap = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.end('globalThis.pwned = "fetched"; document.title = "REMOTE_SCRIPT";');
    });
    trap.on('connection', () => connections++);
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
    try {
      const origin = `http://127.0.0.1:${(trap.address() as AddressInfo).port}`;
      const page = await extracted(hostilePage(origin, withArticle, paragraphs));
      // Loads and handlers would be asynchronous: give them time to reach the server.
      await new Promise((resolve) => setTimeout(resolve, 300));

      expect(requests).toEqual([]);
      expect(connections).toBe(0);
      expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
      const [lede, second, last] = paragraphs;
      // Readability drops the navigation; the fallback keeps it.
      const expected = [...(withArticle ? [] : ['Home']), 'A page that fights back', lede, 'More data vb', second, last];
      expect(page.text).toBe(expected.join('\n\n'));
      expect(page.title).toBe('A page that fights back');
      for (const marker of markers) expect(page.text).not.toContain(marker);
      for (const scheme of ['javascript:', 'data:', 'vbscript:', origin]) expect(page.text).not.toContain(scheme);
      expect(page.sourceUrl).toBeUndefined();
    } finally {
      await new Promise((resolve) => trap.close(resolve));
    }
  });
});
