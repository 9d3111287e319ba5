// Generated news-article pages for the import benchmark: realistic structure (navigation,
// header, an article with headings and quotes, an aside, a footer) and ~30 KB each, from a
// seeded generator so every run imports the same bytes.

const WORDS = (
  'the ministry said reservoir water supply mayor council officials reported statement city region basin drought ' +
  'emergency rationing households percent figures audit hospital surgery postponed denied according residents farmers ' +
  'association irrigation restrictions cost million euros summer president spokesperson briefing press conference ' +
  'verified sources claimed analysts data record lowest level since inspection engineers dam structure rains autumn'
).split(' ');

export function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function sentence(random: () => number): string {
  const length = 12 + Math.floor(random() * 18);
  const words = Array.from({ length }, () => WORDS[Math.floor(random() * WORDS.length)]!);
  words[0] = words[0]![0]!.toUpperCase() + words[0]!.slice(1);
  return `${words.join(' ')}.`;
}

/** One article page of roughly `targetBytes`. */
export function articleHtml(index: number, targetBytes = 30_000): string {
  const random = generator(index + 1);
  const title = `Report ${index}: ${sentence(random).slice(0, 60)}`;
  const paragraphs: string[] = [];
  let size = 0;
  while (size < targetBytes - 2500) {
    const kind = random();
    const text = Array.from({ length: 3 + Math.floor(random() * 4) }, () => sentence(random)).join(' ');
    const html =
      kind < 0.08 ? `<h2>${sentence(random)}</h2>` : kind < 0.15 ? `<blockquote><p>“${text}”</p></blockquote>` : `<p>${text}</p>`;
    paragraphs.push(html);
    size += html.length;
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title} | The Benchmark Times</title>
<meta property="og:site_name" content="The Benchmark Times"><meta name="author" content="Reporter ${index % 17}">
<meta property="article:published_time" content="2026-08-${String(1 + (index % 28)).padStart(2, '0')}T08:00:00Z">
<link rel="canonical" href="https://benchmark-times.example/articles/${index}">
<link rel="stylesheet" href="https://cdn.example/style.css"><script src="https://cdn.example/app.js"></script></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>${title}</h1><p class="byline">By Reporter ${index % 17}</p>
${paragraphs.join('\n')}
</article><aside><h3>Most read</h3><ul><li><a href="/a">Other story one</a></li><li><a href="/b">Other story two</a></li></ul></aside></main>
<footer><p>© The Benchmark Times</p><script>window.analytics = true;</script></footer></body></html>`;
}
