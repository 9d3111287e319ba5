// The Electronegativity gate's decisions (scripts/electronegativity/), on findings shaped as
// Electronegativity 1.10.3's run() returns them (tests/fixtures/electronegativity/issues.json).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../core/security/csp.ts';
import { electronVersion, withCspMetaTag } from '../../scripts/electronegativity/scan.ts';
import { judge, parseFindings, parseSuppressions, type Finding, type Suppression } from '../../scripts/electronegativity/verdict.ts';
import { withTempDir } from '../support/temp-dir.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const fixture = async () =>
  parseFindings(JSON.parse(await readFile(path.join(root, 'tests', 'fixtures', 'electronegativity', 'issues.json'), 'utf8')));
const because = 'This is safe because the URL was parsed and checked to be http(s) first.';
const suppress = (id: string, file: string): Suppression => ({ id, file, justification: because });
const byId = (findings: readonly Finding[]) => findings.map((finding) => finding.id);

describe('parseFindings', () => {
  it('reads id, severity, place and description, with / separators', async () => {
    const findings = await fixture();
    expect(findings).toHaveLength(6);
    expect(findings[2]).toEqual({
      id: 'PRELOAD_JS_CHECK',
      severity: 'MEDIUM',
      confidence: 'FIRM',
      file: 'main/desktop/secure-window.ts',
      line: 49,
      column: 6,
      description: 'Review the use of preload scripts',
      manualReview: true,
    });
  });

  it('refuses issues of another shape rather than passing them', () => {
    expect(() => parseFindings([{ id: 'X', file: 'a.ts', severity: 'HIGH' }])).toThrow();
    expect(() =>
      parseFindings([
        {
          id: 'X',
          file: 'a.ts',
          location: { line: 1, column: 0 },
          severity: { name: 'CRITICAL' },
          confidence: { name: 'FIRM' },
          description: '',
        },
      ]),
    ).toThrow();
  });
});

describe('parseSuppressions', () => {
  it.each([
    ['a justification too short to say anything', [{ id: 'PRELOAD_JS_CHECK', file: 'a.ts', justification: 'false positive' }]],
    ['no justification', [{ id: 'PRELOAD_JS_CHECK', file: 'a.ts' }]],
    ['no file', [{ id: 'PRELOAD_JS_CHECK', justification: because }]],
    ['an unknown key', [{ id: 'PRELOAD_JS_CHECK', file: 'a.ts', justification: because, severity: 'HIGH' }]],
    ['a check id that is not one', [{ id: 'preload js', file: 'a.ts', justification: because }]],
    ['an entry listed twice', [suppress('PRELOAD_JS_CHECK', 'a.ts'), suppress('PRELOAD_JS_CHECK', 'a.ts')]],
    ['not a list', { PRELOAD_JS_CHECK: because }],
  ])('rejects a file with %s', (_what, json) => {
    expect(() => parseSuppressions(json)).toThrow();
  });

  it("reads the project's own suppression file", async () => {
    const entries = parseSuppressions(
      JSON.parse(await readFile(path.join(root, 'security', 'electronegativity-suppressions.json'), 'utf8')),
    );
    expect(entries.length).toBeGreaterThan(0);
  });
});

describe('judge', () => {
  it('fails on HIGH and on unsuppressed MEDIUM findings; LOW and INFORMATIONAL are notes', async () => {
    const verdict = judge(await fixture(), []);
    expect(verdict.ok).toBe(false);
    expect(byId(verdict.failures)).toEqual([
      'LIMIT_NAVIGATION_GLOBAL_CHECK',
      'OPEN_EXTERNAL_JS_CHECK',
      'PRELOAD_JS_CHECK',
      'SANDBOX_JS_CHECK',
    ]);
    expect(byId(verdict.notes)).toEqual(['CSP_GLOBAL_CHECK', 'ELECTRON_VERSION_JSON_CHECK']);
  });

  it('passes when every MEDIUM finding is justified and there is no HIGH one', async () => {
    const findings = (await fixture()).filter((finding) => finding.severity !== 'HIGH');
    const verdict = judge(findings, [
      suppress('OPEN_EXTERNAL_JS_CHECK', 'main/electron/app.ts'),
      suppress('PRELOAD_JS_CHECK', 'main/desktop/secure-window.ts'),
      suppress('SANDBOX_JS_CHECK', 'main/desktop/secure-window.ts'),
    ]);
    expect(verdict.ok).toBe(true);
    expect(verdict.failures).toEqual([]);
    expect(byId(verdict.suppressed.map(({ finding }) => finding))).toEqual([
      'OPEN_EXTERNAL_JS_CHECK',
      'PRELOAD_JS_CHECK',
      'SANDBOX_JS_CHECK',
    ]);
    expect(verdict.suppressed[0]!.justification).toBe(because);
  });

  it('matches check and file: the same check in another file is not covered', async () => {
    const verdict = judge(await fixture(), [suppress('OPEN_EXTERNAL_JS_CHECK', 'main/electron/window.ts')]);
    expect(byId(verdict.failures)).toContain('OPEN_EXTERNAL_JS_CHECK');
    expect(verdict.staleSuppressions).toEqual([suppress('OPEN_EXTERNAL_JS_CHECK', 'main/electron/window.ts')]);
  });

  it('cannot suppress a HIGH finding', async () => {
    const verdict = judge(await fixture(), [suppress('LIMIT_NAVIGATION_GLOBAL_CHECK', 'N/A')]);
    expect(byId(verdict.failures)).toContain('LIMIT_NAVIGATION_GLOBAL_CHECK');
    expect(verdict.staleSuppressions.map((entry) => entry.id)).toEqual(['LIMIT_NAVIGATION_GLOBAL_CHECK']);
    expect(verdict.ok).toBe(false);
  });

  it('fails on a suppression whose finding is gone, even when every finding passes', () => {
    const verdict = judge([], [suppress('PRELOAD_JS_CHECK', 'main/desktop/secure-window.ts')]);
    expect(verdict.failures).toEqual([]);
    expect(verdict.staleSuppressions).toHaveLength(1);
    expect(verdict.ok).toBe(false);
  });

  it('passes with no findings and no suppressions', () => {
    expect(judge([], []).ok).toBe(true);
  });
});

describe('withCspMetaTag', () => {
  it('puts the CSP at the top of <head>, as the build does', () => {
    const html = withCspMetaTag('<!doctype html>\n<html>\n  <head>\n    <title>x</title>\n  </head>\n</html>');
    expect(html).toContain(`<head>\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />\n    <title>`);
  });

  it('refuses a page without <head> rather than scanning it without its CSP', () => {
    expect(() => withCspMetaTag('<title>x</title>')).toThrow(/no <head>/);
  });
});

describe('electronVersion', () => {
  const project = (dir: string, declared: string, installed?: string) =>
    Promise.all([
      writeFile(path.join(dir, 'package.json'), JSON.stringify({ devDependencies: { electron: declared } })),
      installed === undefined
        ? undefined
        : mkdir(path.join(dir, 'node_modules', 'electron'), { recursive: true }).then(() =>
            writeFile(path.join(dir, 'node_modules', 'electron', 'package.json'), JSON.stringify({ version: installed })),
          ),
    ]);

  it('prefers the installed Electron', () =>
    withTempDir(async (dir) => {
      await project(dir, '^45.0.0', '45.5.0');
      expect(await electronVersion(dir)).toBe('45.5.0');
    }));

  it('falls back to an exact version in package.json, and refuses a range', () =>
    withTempDir(async (dir) => {
      await project(dir, '45.5.0');
      expect(await electronVersion(dir)).toBe('45.5.0');
      await project(dir, '^45.5.0');
      await expect(electronVersion(dir)).rejects.toThrow(/cannot tell/);
    }));
});
