import { describe, expect, it } from 'vitest';
import { webLink } from './web-link.ts';

describe('which URLs become links', () => {
  it.each([
    ['https://checks.example/vc-1', { href: 'https://checks.example/vc-1', host: 'checks.example' }],
    [' http://www.example.org/a b ', { href: 'http://www.example.org/a%20b', host: 'example.org' }],
    ['javascript:alert(1)', undefined],
    ['JAVASCRIPT:alert(1)', undefined],
    ['file:///etc/passwd', undefined],
    ['data:text/html,<script>alert(1)</script>', undefined],
    ['https://user:pass@example.org/', undefined],
    ['checks.example/vc-1', undefined],
    [undefined, undefined],
  ])('%s', (url, link) => {
    expect(webLink(url)).toEqual(link);
  });
});
