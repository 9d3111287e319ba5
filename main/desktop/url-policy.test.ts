import { describe, expect, it } from 'vitest';
import { isOwnUrl, safeExternalUrl } from './url-policy.ts';

describe('isOwnUrl', () => {
  it.each([
    ['app://claimbench/index.html', undefined, true],
    ['app://claimbench/assets/x.js', undefined, true],
    ['app://claimbench/api/download/0b8f3c1e-8d1c-4c39-9d34-6f0d9a3c1f00', undefined, true],
    ['app://other/index.html', undefined, false],
    ['app://claimbench.evil.example/', undefined, false],
    ['app://claimbench:8080/', undefined, false],
    ['app://evil.example/claimbench/', undefined, false],
    ['file:///etc/passwd', undefined, false],
    ['file://claimbench/index.html', undefined, false],
    ['https://claimbench/', undefined, false],
    ['about:blank', undefined, false],
    ['javascript:alert(1)', undefined, false],
    ['data:text/html,<script>alert(1)</script>', undefined, false],
    ['http://localhost:5173/', 'http://localhost:5173', true],
    ['http://localhost:5173/src/main.tsx', 'http://localhost:5173/', true],
    ['http://localhost:5174/', 'http://localhost:5173', false],
    ['http://localhost.evil.example:5173/', 'http://localhost:5173', false],
    ['https://localhost:5173/', 'http://localhost:5173', false],
    ['http://localhost:5173/', undefined, false],
    ['http://localhost:5173/', 'not a url', false],
    ['data:text/html,hi', 'about:blank', false],
    ['evil://anything', 'custom://dev-server', false],
    ['not a url', undefined, false],
  ])('%s (dev server %s) → %s', (url, dev, expected) => {
    expect(isOwnUrl(url, dev)).toBe(expected);
  });
});

describe('safeExternalUrl', () => {
  it.each([
    ['https://example.org/article', 'https://example.org/article'],
    ['http://example.org', 'http://example.org/'],
    ['HTTPS://Example.ORG/a b', 'https://example.org/a%20b'],
    ['file:///home/ada/.ssh/id_rsa', undefined],
    ['javascript:alert(1)', undefined],
    ['smb://host/share', undefined],
    ['ms-msdt:/id PCWDiagnostic', undefined],
    ['vscode://file/etc/passwd', undefined],
    ['app://claimbench/index.html', undefined],
    ['https://user:pass@example.org/', undefined],
    ['https://user@example.org/', undefined],
    ['', undefined],
  ])('%s → %s', (url, expected) => {
    expect(safeExternalUrl(url)).toBe(expected);
  });
});
