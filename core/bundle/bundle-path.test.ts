import { describe, expect, it } from 'vitest';
import { bundlePathProblem, findCollision } from './bundle-path.ts';

describe('bundlePathProblem', () => {
  it.each([
    'manifest.json',
    'documents/d1.txt',
    'originals/' + 'a'.repeat(64),
    'brat/annotation.conf',
    'café.txt',
    'notes/😀.md',
    'a'.repeat(512),
    'con-notes.txt',
    '.hidden',
  ])('accepts %j', (path) => {
    expect(bundlePathProblem(path)).toBeUndefined();
  });

  it.each([
    ['', 'it is empty'],
    ['a'.repeat(513), 'it is longer than 512 characters'],
    ['../evil.txt', 'it has a ".." segment'],
    ['documents/../../evil.txt', 'it has a ".." segment'],
    ['/etc/passwd', 'it is absolute'],
    ['C:/Windows/evil.dll', 'it starts with a drive letter'],
    ['c:evil', 'it starts with a drive letter'],
    ['documents\\evil.txt', 'it contains a backslash'],
    ['..\\evil.txt', 'it contains a backslash'],
    ['a\0.txt', 'it contains a control character'],
    ['a\n.txt', 'it contains a control character'],
    ['a\ud800.txt', 'it contains a lone surrogate'],
    ['notes.txt:stream', 'it contains a colon'],
    ['cafe\u0301.txt', 'it is not in Unicode NFC'],
    ['documents//a.txt', 'it has an empty segment (a doubled or trailing "/")'],
    ['documents/', 'it has an empty segment (a doubled or trailing "/")'],
    ['./a.txt', 'it has a "." segment'],
    ['a.txt.', 'its segment "a.txt." ends with a dot or space'],
    ['docs /a.txt', 'its segment "docs " ends with a dot or space'],
    ['documents/CON.txt', 'its segment "CON.txt" is a reserved Windows device name'],
    ['nul', 'its segment "nul" is a reserved Windows device name'],
    ['lpt1.json', 'its segment "lpt1.json" is a reserved Windows device name'],
  ])('refuses %j: %s', (path, problem) => {
    expect(bundlePathProblem(path)).toBe(problem);
  });
});

describe('findCollision', () => {
  it.each([
    [['a.txt', 'b.txt'], undefined],
    [
      ['a.txt', 'a.txt'],
      ['a.txt', 'a.txt'],
    ],
    [
      ['docs/Readme.md', 'x', 'DOCS/README.MD'],
      ['docs/Readme.md', 'DOCS/README.MD'],
    ],
    [
      ['café.txt', 'CAFÉ.TXT'],
      ['café.txt', 'CAFÉ.TXT'],
    ],
    [
      ['café.txt', 'cafe\u0301.txt'],
      ['café.txt', 'cafe\u0301.txt'],
    ],
    [
      ['straße', 'STRASSE'],
      ['straße', 'STRASSE'],
    ],
  ])('%j → %j', (paths, collision) => {
    expect(findCollision(paths)).toEqual(collision);
  });
});
