import { describe, expect, it } from 'vitest';
import { detectFormat } from './detect-format.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('detectFormat', () => {
  it.each([
    ['report.pdf', utf8('%PDF-1.7\n...'), 'pdf'],
    ['report.txt', utf8('%PDF-1.4\n...'), 'pdf'],
    ['letter.docx', Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0), 'docx'],
    ['letter.txt', Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0), 'docx'],
    ['letter.docx', utf8('just text'), 'docx'],
    ['page.HTML', utf8('<p>x</p>'), 'html'],
    ['saved', utf8('  <!DOCTYPE html><html>'), 'html'],
    ['notes.md', utf8('# Title'), 'markdown'],
    ['notes.markdown', utf8('# Title'), 'markdown'],
    ['notes.txt', utf8('plain'), 'text'],
    ['README', utf8('plain'), 'text'],
    ['image.png', Uint8Array.of(0x89, 0x50, 0x4e, 0x47), 'text'],
  ] as const)('%s → %s', (name, bytes, format) => {
    expect(detectFormat(name, bytes)).toBe(format);
  });
});
