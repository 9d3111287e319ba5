import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { Annotation, textTarget } from '../model/annotation.ts';
import { DocumentMeta } from '../model/document.ts';
import { Claim, DEFAULT_VERDICT_SCALE, EvidenceLink } from '../model/evidence.ts';
import { DEFAULT_STATUSES } from '../model/workspace.ts';
import type { ExportInput } from './export-input.ts';
import { escapeHtml, reportHtml } from './report-html.ts';

const HASH = 'a'.repeat(64);
const TIME = '2025-01-02T03:04:05.000Z';
const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  '<a href="javascript:alert(3)">click</a>',
  '</style><style>body{background:url(http://evil.example/x)}</style>',
  '"><svg onload=alert(4)>',
  "'><iframe src=//evil.example>",
  '&lt;already escaped&gt;',
];
const TEXT = `Intro 😀.\n${PAYLOADS.join('\n')}\nThe mayor said taxes will not rise.`;

function annotation(id: string, quote: string, overrides: Partial<Annotation> = {}, from = 0): Annotation {
  const start = TEXT.indexOf(quote, from);
  if (start < 0) throw new Error(`"${quote}" is not in the text`);
  return Annotation.parse({
    id,
    target: textTarget(TEXT, start, start + quote.length),
    tags: ['stat'],
    status: 'unverified',
    created: TIME,
    modified: TIME,
    ...overrides,
  });
}

const annotations = [
  annotation('a1', '<script>alert(1)</script>\n<img', { note: PAYLOADS.join('\n'), speaker: PAYLOADS[4]!, outlet: PAYLOADS[1]! }),
  annotation('a2', 'alert(1)', { tags: ['quote'] }),
  annotation('a3', '</script>\n<img src=x onerror', { tags: [] }),
  annotation('a4', 'taxes will not rise'),
  annotation('a5', 'mayor said taxes', { tags: ['quote', 'stat'] }),
  { ...annotation('a6', 'Intro'), anchor: { state: 'orphaned' as const } },
];

const input: ExportInput = {
  workspace: {
    name: `Workspace ${PAYLOADS[0]}`,
    statuses: DEFAULT_STATUSES,
    verdictScale: DEFAULT_VERDICT_SCALE,
    codebook: {
      tags: [
        { id: 'stat', name: `Statistic ${PAYLOADS[1]}`, color: '#112233', description: '' },
        // A colour that bypassed validation must not reach the CSS.
        { id: 'quote', name: 'Quote', color: 'red;background:url(http://evil.example/y)', description: '' },
      ],
    },
  },
  documents: [
    {
      meta: DocumentMeta.parse({
        id: 'doc-1',
        title: PAYLOADS[2]!,
        outlet: PAYLOADS[3]!,
        publishedAt: '2025-02-01',
        sourceUrl: 'https://news.example/a?b=<c>',
        format: 'text',
        importedAt: TIME,
        importedFrom: '/tmp/x.txt',
        textHash: HASH,
      }),
      text: TEXT,
      annotations,
    },
  ],
  evidence: {
    links: [
      EvidenceLink.parse({
        id: 'l1',
        relation: 'supports',
        from: { documentId: 'doc-1', annotationId: 'a4' },
        to: { documentId: 'doc-1', annotationId: 'a1' },
        note: PAYLOADS[5]!,
        created: TIME,
        modified: TIME,
      }),
    ],
    claims: [
      Claim.parse({
        id: 'c1',
        statement: `Taxes ${PAYLOADS[4]}`,
        mentions: [{ documentId: 'doc-1', annotationId: 'a4' }],
        verdict: { rating: 'false', rationale: PAYLOADS[0], reviewer: 'R', date: '2025-03-01' },
        created: TIME,
        modified: TIME,
      }),
      Claim.parse({ id: 'c2', statement: 'No verdict yet', mentions: [], created: TIME, modified: TIME }),
    ],
  },
};

const html = reportHtml(input, { generatedAt: '2025-05-01T00:00:00.000Z' });

/** Every tag the page's own markup opens or closes (escaped payloads have no `<`). */
function tags(page: string): { name: string; closing: boolean; source: string }[] {
  return [...page.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g)].map((match) => ({
    closing: match[1] === '/',
    name: match[2]!.toLowerCase(),
    source: match[0],
  }));
}

const VOID = new Set(['meta', 'br']);
const ALLOWED = new Set([
  'html',
  'head',
  'meta',
  'title',
  'style',
  'body',
  'header',
  'h1',
  'h2',
  'h3',
  'p',
  'section',
  'div',
  'mark',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'span',
  'a',
  'ul',
  'li',
  'strong',
  'article',
  'time',
  // The Markdown of notes and rationales (report-markdown.ts), and the quote fidelity of links.
  'br',
  'em',
  'code',
  'ol',
  'del',
  'ins',
]);

describe('reportHtml', () => {
  it('contains no executable markup and no external resources', () => {
    const own = tags(html);
    for (const tag of own) {
      expect(ALLOWED, tag.source).toContain(tag.name);
      // Attribute names only: escaped payload text may sit inside a quoted value (a title).
      const names = tag.source.replace(/"[^"]*"/g, '""');
      expect(names, tag.source).not.toMatch(/\son[a-z]+\s*=/i);
      expect(names, tag.source).not.toMatch(/\ssrc\s*=/i);
      for (const [, value] of tag.source.matchAll(/\shref="([^"]*)"/g)) expect(value).toMatch(/^#d0-a\d+$/);
      expect(tag.source.replace(/\stitle="[^"]*"/g, '')).not.toMatch(/javascript:/i);
    }
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<(?:img|svg|iframe)/i);
    const css = html.slice(html.indexOf('<style>'), html.indexOf('</style>'));
    expect(css).not.toMatch(/url\(|@import|http/i);
    expect(html.match(/<\/style>/g)).toHaveLength(1);
    // http(s) appears only as text (the source URL, payloads), never in markup.
    for (const tag of own) expect(tag.source).not.toMatch(/https?:|\/\//i);
    expect(html).toContain('<span class="url">https://news.example/a?b=&lt;c&gt;</span>');
  });

  it('a browser parser finds no scripts, handlers or links out, and shows every payload as text', () => {
    const { document } = new JSDOM(html).window;
    expect(document.querySelectorAll('script, img, svg, iframe, object, embed, link, base')).toHaveLength(0);
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.attributes) {
        expect(attribute.name).not.toMatch(/^on/i);
        if (attribute.name === 'href') expect(attribute.value).toMatch(/^#d0-a\d+$/);
      }
    }
    expect(document.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'",
    );
    const body = document.body.textContent;
    for (const payload of PAYLOADS) expect(body).toContain(payload);
    expect(document.querySelector('section.document h2')!.textContent).toBe(PAYLOADS[2]);
    expect(document.querySelector('td.note')!.textContent).toBe(PAYLOADS.join('\n'));
  });

  it('keeps the document text intact and wraps overlapping spans in well-nested marks', () => {
    const stack: string[] = [];
    for (const tag of tags(html)) {
      if (VOID.has(tag.name)) continue;
      if (tag.closing) expect(stack.pop(), tag.source).toBe(tag.name);
      else stack.push(tag.name);
    }
    expect(stack).toEqual([]);
    const { document } = new JSDOM(html).window;
    const text = document.querySelector('section.document .text')!;
    expect(text.textContent).toBe(TEXT);
    // "alert(1)" (a2) sits inside a1, and a3 overlaps a1's end: two marks deep at both, a1 outside.
    const nested = [...text.querySelectorAll('mark > mark')].map((mark) => [
      mark.parentElement!.getAttribute('title')!.slice(0, 3),
      mark.textContent,
    ]);
    expect(nested).toContainEqual(['[1]', 'alert(1)']);
    expect(nested).toContainEqual(['[1]', '</script>\n<img']);
    expect(text.querySelectorAll('mark mark mark')).toHaveLength(0);
    // Each annotation's highlight starts with its number, and the claims table links to it.
    const numbered = [...text.querySelectorAll('mark[data-n]')].map((mark) => mark.getAttribute('id'));
    expect(numbered).toEqual(['d0-a1', 'd0-a2', 'd0-a3', 'd0-a4', 'd0-a5']);
    for (const id of numbered) expect(document.querySelector(`a[href="#${id}"]`)).not.toBeNull();
    // The text under each annotation's marks is its quote.
    const covered = numbered.map((_, index) =>
      [...text.querySelectorAll(`mark[title^="[${index + 1}] "]`)].map((mark) => mark.textContent).join(''),
    );
    expect(covered.sort()).toEqual(
      annotations
        .slice(0, 5)
        .map((item) => item.target.exact)
        .sort(),
    );
  });

  it('colours marks by primary tag from validated colours only', () => {
    expect(html).toContain('.t0 { background-color: #11223344;');
    expect(html).toContain('.t1 { background-color: #99999944;');
    expect(html).not.toContain('red;background');
    const { document } = new JSDOM(html).window;
    expect(document.querySelector('#d0-a2')!.className).toBe('t1'); // a2's primary tag is quote
    expect(document.querySelector('#d0-a3')!.className).toBe('t-none'); // untagged
  });

  it('lists the orphan in the table, the links with their quote fidelity, and every claim, with a verdict or not yet', () => {
    const { document } = new JSDOM(html).window;
    expect(document.querySelector('table.claims')!.textContent).toContain('(orphaned)');
    expect(document.querySelector('section.links li')!.textContent).toContain('Supports →');
    expect(document.querySelector('section.links li .fidelity')!.textContent).toMatch(/^Quote fidelity: the words differ: /);
    const verdicts = document.querySelector('section.verdicts')!;
    const articles = verdicts.querySelectorAll('article.claim');
    expect(articles).toHaveLength(2);
    expect(articles[0]!.textContent).toContain('False');
    expect(articles[1]!.querySelector('h3')!.textContent).toBe('No verdict yet');
    expect(articles[1]!.querySelector('.rating')!.textContent).toBe('No verdict yet');
    expect(articles[1]!.textContent).toContain('Open');
    expect(html).toContain('@media print');
    expect(html).toContain('break-before: page');
  });

  it('shows directional overrides and isolates as their code points, in text and in attributes', () => {
    // Rendered as they are, these reverse what follows: the report would read "false" where the reader shows "eslaf".
    const text = 'The figure is \u202eeslaf\u202c, said \u2067the minister\u2069.';
    const spoofed = Annotation.parse({
      id: 's1',
      target: textTarget(text, 14, 21),
      tags: ['stat'],
      status: 'unverified',
      note: 'see \u202dthis\u202c',
      created: TIME,
      modified: TIME,
    });
    const page = reportHtml(
      {
        ...input,
        workspace: { ...input.workspace, codebook: { tags: [{ id: 'stat', name: 'Figure\u202e', color: '#112233', description: '' }] } },
        documents: [
          { ...input.documents[0]!, meta: { ...input.documents[0]!.meta, title: 'Report \u202bone\u202c' }, text, annotations: [spoofed] },
        ],
        evidence: { links: [], claims: [] },
      },
      { generatedAt: TIME },
    );
    expect(page).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    const { document } = new JSDOM(page).window;
    expect(document.querySelector('section.document .text')!.textContent).toBe(
      'The figure is [U+202E]eslaf[U+202C], said [U+2067]the minister[U+2069].',
    );
    expect(document.querySelector('section.document h2')!.textContent).toBe('Report [U+202B]one[U+202C]');
    expect(document.querySelector('#d0-a1')!.getAttribute('title')).toBe('[1] Figure[U+202E] — Unverified');
    expect(document.querySelector('td.note')!.textContent).toBe('see [U+202D]this[U+202C]');
  });

  it('escapes all five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

describe('reportHtml after a new version changed evidence', () => {
  // a4 ("taxes will not rise") is linked and the verdict's mention; a new version changed its words.
  const changed = {
    ...annotations[3]!,
    anchor: { state: 'fuzzy' as const, confidence: 0.95, previousQuote: 'taxes will never rise', review: 'evidence' as const },
  };
  const second = {
    ...input.documents[0]!,
    meta: { ...input.documents[0]!.meta, id: 'doc-2', title: 'A source of the same day', role: 'source' as const },
    annotations: [annotation('b1', 'taxes will not rise')],
  };
  const page = reportHtml(
    {
      ...input,
      documents: [{ ...input.documents[0]!, annotations: annotations.map((a) => (a.id === 'a4' ? changed : a)) }, second],
      evidence: {
        ...input.evidence,
        claims: input.evidence.claims.map((claim) =>
          claim.id === 'c1' ? { ...claim, mentions: [...claim.mentions, { documentId: 'doc-2', annotationId: 'b1' }] } : claim,
        ),
      },
    },
    { generatedAt: '2025-05-01T00:00:00.000Z' },
  );
  const { document } = new JSDOM(page).window;

  it('shows the words the link and the verdict were made on beside the words now', () => {
    expect(document.querySelector('section.links li')!.textContent).toContain('(was: “taxes will never rise” in an earlier version)');
    expect(document.querySelector('section.verdicts')!.textContent).toContain('was: “taxes will never rise”');
    expect(document.querySelector('table.claims')!.textContent).toContain('was: “taxes will never rise”');
    // Unchanged annotations say nothing of the kind.
    expect(document.querySelectorAll('.was')).toHaveLength(3);
  });

  it('names the source first on a tied day and says "same day"', () => {
    const verdict = document.querySelector('section.verdicts article.claim')!.textContent!;
    expect(verdict).toContain('First appearance: A source of the same day');
    expect(verdict).toContain('same day as 1 other document');
  });
});

describe('report.html renders Markdown and quote fidelity', () => {
  const doc = (text: string, notes: Record<string, string>) => {
    const made = (id: string, quote: string, note = '') => {
      const start = text.indexOf(quote);
      return Annotation.parse({
        id,
        target: textTarget(text, start, start + quote.length),
        tags: [],
        status: 'unverified',
        note,
        created: TIME,
        modified: TIME,
      });
    };
    return Object.entries(notes).map(([quote, note], n) => made(`m${n}`, quote, note));
  };
  const TEXT2 = 'Their quantity is ten times bigger, he said. Their number is ten times bigger.';
  const [quote, source] = doc(TEXT2, {
    'Their number is ten times bigger':
      '**check** the *transcript*, `x<y`\n\n- one\n- [site](https://x.example/a) <b>two</b>\n- [bad](javascript:alert(1))',
    'Their quantity is ten times bigger': '',
  });
  const page = reportHtml(
    {
      ...input,
      documents: [{ ...input.documents[0]!, text: TEXT2, annotations: [quote!, source!] }],
      evidence: {
        links: [
          EvidenceLink.parse({
            id: 'l2',
            relation: 'source-of',
            from: { documentId: 'doc-1', annotationId: quote!.id },
            to: { documentId: 'doc-1', annotationId: source!.id },
            note: 'Same _figure_',
            created: TIME,
            modified: TIME,
          }),
        ],
        claims: [],
      },
    },
    { generatedAt: '2025-05-01T00:00:00.000Z' },
  );
  const { document } = new JSDOM(page).window;

  it('renders a note’s Markdown, and leaves its HTML and links as text', () => {
    const note = [...document.querySelectorAll('td.note')].find((cell) => cell.textContent !== '')!;
    expect(note.querySelector('strong')!.textContent).toBe('check');
    expect(note.querySelector('em')!.textContent).toBe('transcript');
    expect(note.querySelector('code')!.textContent).toBe('x<y');
    expect([...note.querySelectorAll('li')].map((item) => item.textContent)).toEqual([
      'one',
      'site (https://x.example/a) <b>two</b>',
      '[bad](javascript:alert(1))',
    ]);
    expect(note.querySelectorAll('a, b')).toHaveLength(0);
    expect(document.querySelector('.link-note em')!.textContent).toBe('figure');
  });

  it('says what Compare says of each link: the changed words', () => {
    expect(document.querySelector('.fidelity')!.textContent).toBe('Quote fidelity: the words differ: changed quantity → number.');
    expect(document.querySelector('.fidelity del')!.textContent).toBe('quantity');
    expect(document.querySelector('.fidelity ins')!.textContent).toBe('number');
  });
});
