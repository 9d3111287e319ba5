import { describe, expect, it } from 'vitest';
import { isOwnUrl, isSafeExternalUrl } from './url-policy.ts';

describe('isOwnUrl', () => {
  it.each([
    ['app://claimbench/index.html', undefined, true],
    ['app://claimbench/assets/x.js', undefined, true],
    ['app://other/index.html', undefined, false],
    ['app://claimbench.evil.example/', undefined, false],
    ['file:///etc/passwd', undefined, false],
    ['https://claimbench/', undefined, false],
    ['http://localhost:5173/', 'http://localhost:5173', true],
    ['http://localhost:5174/', 'http://localhost:5173', false],
    ['http://localhost:5173/', undefined, false],
    ['not a url', undefined, false],
  ])('%s (dev server %s) → %s', (url, dev, expected) => {
    expect(isOwnUrl(url, dev)).toBe(expected);
  });
});

describe('isSafeExternalUrl', () => {
  it.each([
    ['https://example.org/article', true],
    ['http://example.org/', true],
    ['file:///home/ada/.ssh/id_rsa', false],
    ['javascript:alert(1)', false],
    ['smb://host/share', false],
    ['ms-msdt:/id PCWDiagnostic', false],
    ['https://user:pass@example.org/', false],
    ['', false],
  ])('%s → %s', (url, expected) => {
    expect(isSafeExternalUrl(url)).toBe(expected);
  });
});
