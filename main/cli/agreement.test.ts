// `claimbench agreement` as a user runs it, on a workspace where two analysts (Ana, then Ben, set
// as the analyst name between their annotations) coded the same texts through the service: its
// JSON lines are agreementReport's rows, its table footnotes what cannot be computed, and it says
// so when there is only one coder.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupByCoder } from '../../core/agreement/coded-annotations.ts';
import { agreementReport, type AgreementSelection } from '../../core/agreement/report.ts';
import { makeTempDir } from '../../tests/support/temp-dir.ts';
import { APP_ROOT, RESOURCES_DIR } from '../app-paths.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { FolderStore } from '../store/folder-store.ts';
import { openWorkbench } from '../workbench/open-workbench.ts';

function claimbench(...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(APP_ROOT, 'bin', 'claimbench.mjs'), ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const lines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

const RESERVOIR = 'The reservoir stands at 18 percent. The mayor said the taps could run dry by September. Officials promised new wells.';
const BASIN = 'Rainfall in the northern basin was 42 percent below average since March.';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let workspace: string;
const ids = { reservoir: '', basin: '' };

beforeAll(async () => {
  temp = await makeTempDir();
  workspace = path.join(temp.dir, 'ws');
  const workbench = await openWorkbench(workspace, { resourcesDir: RESOURCES_DIR, empty: true, service: { extractors: EXTRACTORS } });
  try {
    const { service } = workbench;
    for (const [key, title, text] of [
      ['reservoir', 'Reservoir at 18 percent', RESERVOIR],
      ['basin', 'Basin rainfall', BASIN],
    ] as const) {
      const outcome = await service.importText(title, text);
      if (outcome.status !== 'imported') throw new Error(`not imported: ${JSON.stringify(outcome)}`);
      ids[key] = outcome.documentId;
    }
    const mark = async (documentId: string, text: string, quote: string, tag: string) => {
      const start = text.indexOf(quote);
      const created = await service.createAnnotation(documentId, { start, end: start + quote.length, tags: [tag] });
      if (!created.ok) throw new Error(created.error.message);
    };
    // Both mark the figure the same; Ana marks the whole prediction, Ben a shorter span of it
    // (intersection over union 22/35: a match at --overlap 50, not exactly). Only Ana codes the basin.
    await service.updateSettings({ analystName: 'Ana' });
    await mark(ids.reservoir, RESERVOIR, '18 percent', 'statistic');
    await mark(ids.reservoir, RESERVOIR, 'the taps could run dry by September', 'quote');
    await mark(ids.basin, BASIN, '42 percent below average', 'statistic');
    await service.updateSettings({ analystName: 'Ben' });
    await mark(ids.reservoir, RESERVOIR, '18 percent', 'statistic');
    await mark(ids.reservoir, RESERVOIR, 'the taps could run dry', 'quote');
    // A curated version in the basin text (the Agreement view's): not a coder unless named.
    await service.updateSettings({ analystName: 'curator' });
    await mark(ids.basin, BASIN, '42 percent below average', 'statistic');
  } finally {
    await workbench.close();
  }
}, 120_000);

afterAll(() => temp[Symbol.asyncDispose]());

/** agreementReport over the workspace as stored, each row as the JSON line should give it. */
async function expectedLines(selection: AgreementSelection): Promise<Record<string, unknown>[]> {
  const store = await FolderStore.open(workspace);
  const documents = store.documents.filter((document) => selection.documentIds?.includes(document.meta.id) ?? true);
  const rows = agreementReport(
    documents.map((document) => ({ id: document.meta.id, textLength: document.text.length })),
    groupByCoder(documents.map((document) => ({ id: document.meta.id, annotations: document.annotations }))),
    store.workspace.codebook,
    selection,
  );
  await store.close();
  return rows.map((row) => {
    const line: Record<string, unknown> = {
      event: 'agreement',
      tag: row.tag,
      documentId: row.documentId,
      coders: row.coders,
      units: row.units,
    };
    for (const name of ['percentAgreement', 'characterKappa', 'characterAlpha', 'unitizedAlpha', 'spanF1'] as const) {
      const figure = row[name];
      line[name] = figure.defined ? figure.value : null;
      if (!figure.defined) line[`${name}Undefined`] = figure.reason;
    }
    return line;
  });
}

describe('claimbench agreement', { timeout: 120_000 }, () => {
  it('prints agreementReport as JSON lines: every coder and used tag by default, each document and pooled', async () => {
    const { code, stdout, stderr } = claimbench('agreement', '--workspace', workspace, '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const got = lines(stdout);
    expect(got).toEqual(await expectedLines({ coders: ['Ana', 'Ben'], tagIds: ['statistic', 'quote'] }));
    expect(got.map((line) => [line.tag, line.documentId])).toEqual([
      ['statistic', ids.reservoir],
      ['statistic', ids.basin],
      ['statistic', null],
      ['quote', ids.reservoir],
      ['quote', ids.basin],
      ['quote', null],
    ]);
    // The same figure: full agreement; the prediction's spans differ, so no exact span match.
    expect(got[0]).toMatchObject({ percentAgreement: 1, characterKappa: 1, spanF1: 1 });
    expect(got[3]).toMatchObject({ spanF1: 0 });
    // Nobody marked a quote in the basin text: no figure, and the reason, rather than NaN or 100%.
    expect(got[4]).toMatchObject({
      units: BASIN.length,
      percentAgreement: null,
      percentAgreementUndefined: 'no coder marked anything',
      spanF1: null,
    });
    for (const line of got) {
      for (const name of ['percentAgreement', 'characterKappa', 'characterAlpha', 'unitizedAlpha', 'spanF1']) {
        if (line[name] === null) expect(line[`${name}Undefined`]).toEqual(expect.any(String));
        else expect(Number.isFinite(line[name])).toBe(true);
      }
    }
  });

  it('compares the chosen coders, tag and document, with span F1 at an overlap', async () => {
    const { code, stdout } = claimbench(
      'agreement',
      '--workspace',
      workspace,
      '--json',
      '--coders',
      'Ben,Ana',
      '--tag',
      'quote',
      '--document',
      ids.reservoir,
      '--overlap',
      '50',
    );
    expect(code).toBe(0);
    const got = lines(stdout);
    expect(got).toEqual(
      await expectedLines({
        coders: ['Ben', 'Ana'],
        tagIds: ['quote'],
        documentIds: [ids.reservoir],
        spanMatch: { kind: 'overlap', minimum: 0.5 },
      }),
    );
    expect(got.map((line) => [line.documentId, line.coders, line.spanF1])).toEqual([
      [ids.reservoir, ['Ben', 'Ana'], 1],
      [null, ['Ben', 'Ana'], 1],
    ]);
  });

  it('prints a table, a figure it cannot give as "—" with the reason footnoted', () => {
    const { code, stdout } = claimbench('agreement', '--workspace', workspace);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Agreement of Ana, Ben \(span F1 on exact boundaries\)$/m);
    expect(stdout).toMatch(/^tag +document +characters +agreement +Cohen's κ +α +α_u +span F1$/m);
    expect(stdout).toMatch(/^Statistic +Reservoir at 18 percent +117 +100\.0% +1\.000 +1\.000 +\S+ +1\.000$/m);
    expect(stdout).toMatch(/^Quote +Basin rainfall +72 +—¹ +—¹ +—¹ +—¹ +—¹$/m);
    expect(stdout).toMatch(/^Quote +together \(2 documents\) +189 /m);
    expect(stdout).toMatch(/^¹ no coder marked anything$/m);
    expect(stdout).not.toMatch(/NaN/);
  });

  it('says so, and exits 1, when only one coder has annotations here', () => {
    const { code, stdout, stderr } = claimbench('agreement', '--workspace', workspace, '--document', ids.basin);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/only one coder \(Ana\) has annotations here; agreement needs two/);
  });

  it.each([
    [['--overlap', '150'], /--overlap must be a percentage from 0 to 100, not "150"/],
    [['--coders', 'Ana'], /--coders names the coders to compare: two or more/],
    [
      ['--coders', 'Ana,Zed', '--tag', 'no-such-tag'],
      /no tag "no-such-tag" in the codebook; no annotations by "Zed" in this workspace \(coders: Ana, Ben, curator\)/,
    ],
  ])('exits 2 on wrong usage: %j', (args, message) => {
    const { code, stderr } = claimbench('agreement', '--workspace', workspace, ...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
