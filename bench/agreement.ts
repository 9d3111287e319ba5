// The agreement benchmark (issue 22): every agreement measure for 1,000 documents × 3 coders ×
// 100 annotations each, against reading those annotations back from the workspace's document
// files in the same run (readFile + JSON.parse of each file, as the store reads them, without
// the schema), subject and baseline alternating, the medians reported.
//   subject     groupByCoder, then agreementReport for the three coders (percent agreement,
//               Fleiss' kappa, alpha by character, unitized alpha; span F1 is for two coders),
//               every tag of the default codebook (11, two of them parents counting their
//               children), per document and pooled: the workload, target ≤ 2 s
//   pairs       the same for each of the three pairs of coders as well (Cohen's kappa and span F1
//               at ≥ 50% overlap too): four reports, reported, no target
//   baseline    reading and parsing the 1,000 document files (written as the store writes them:
//               JSON with two-space indentation, each with its ~20,000-character text)
// The data is seeded: coders mark the same ~100 claims of a document, mostly with the same tag,
// with boundaries off by a few characters now and then, some claims missed or marked elsewhere.
// BENCH_AGREEMENT_DOCS and BENCH_AGREEMENT_RUNS make it shorter for a quick check.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { groupByCoder } from '../core/agreement/coded-annotations.ts';
import { agreementReport, type AgreementRow } from '../core/agreement/report.ts';
import { textTarget, type Annotation } from '../core/model/annotation.ts';
import { Codebook } from '../core/model/codebook.ts';
import { WORKSPACE_SCHEMA_VERSION, type DocumentFile } from '../core/model/stored-files.ts';
import { RESOURCES_DIR } from '../main/app-paths.ts';
import { generator, sentence } from './articles.ts';

const DOCUMENTS = Number(process.env.BENCH_AGREEMENT_DOCS ?? 1000);
const RUNS = Number(process.env.BENCH_AGREEMENT_RUNS ?? 5);
const CODERS = ['ana', 'ben', 'chloe'];
const PER_CODER = 100;
const STATUSES = ['unverified', 'supported', 'refuted', 'misleading'];

const round = (value: number) => Math.round(value * 100) / 100;
const median = (samples: readonly number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;

/** A document with three coders' annotations on the same claims. */
function codedDocument(index: number, leafTags: readonly string[], random: () => number): DocumentFile {
  const sentences: string[] = [];
  let length = 0;
  const target = 10_000 + Math.floor(random() * 20_000);
  while (length < target) {
    const next = sentence(random);
    sentences.push(next);
    length += next.length + 1;
  }
  const text = sentences.join(' ');
  // The claims: phrases of 20–220 characters, some overlapping the next.
  const claims = Array.from({ length: PER_CODER }, () => {
    const start = Math.floor(random() * (text.length - 240));
    return { start, end: start + 20 + Math.floor(random() * 200), tag: leafTags[Math.floor(random() * leafTags.length)]! };
  });
  const stamp = new Date(Date.UTC(2026, 10, 1) + index * 1000).toISOString();
  const annotations: Annotation[] = [];
  for (const coder of CODERS) {
    claims.forEach((claim, number) => {
      // 10% of the time this coder marks something else instead of this claim.
      const elsewhere = random() < 0.1;
      let start = elsewhere ? Math.floor(random() * (text.length - 240)) : claim.start;
      let end = elsewhere ? start + 20 + Math.floor(random() * 200) : claim.end;
      if (random() < 0.3) start = Math.max(0, start + Math.floor(random() * 11) - 5);
      if (random() < 0.3) end = Math.max(start + 1, end + Math.floor(random() * 11) - 5);
      const tag = random() < 0.85 ? claim.tag : leafTags[Math.floor(random() * leafTags.length)]!;
      annotations.push({
        id: `${coder}-${index}-${number}`,
        target: textTarget(text, start, end),
        anchor: { state: 'exact' },
        tags:
          random() < 0.1
            ? [tag, leafTags[Math.floor(random() * leafTags.length)]!].filter((one, at, all) => all.indexOf(one) === at)
            : [tag],
        speaker: random() < 0.3 ? `Speaker ${Math.floor(random() * 40)}` : '',
        outlet: '',
        status: STATUSES[Math.floor(random() * STATUSES.length)]!,
        note: '',
        creator: coder,
        created: stamp,
        modified: stamp,
      });
    });
  }
  return {
    schemaVersion: WORKSPACE_SCHEMA_VERSION,
    meta: {
      id: `doc-${String(index).padStart(5, '0')}`,
      title: `Report ${index}`,
      role: 'claim',
      outlet: 'The Benchmark Times',
      author: `Reporter ${index % 17}`,
      language: 'en',
      format: 'text',
      importedAt: stamp,
      importedFrom: `/bench/report-${index}.txt`,
      textHash: '0'.repeat(64),
      tags: [],
    },
    text,
    annotations,
    structure: {},
    versions: [],
  };
}

/** Every measure for every tag, for the three coders, and with `pairs` for each pair too. */
function fullReport(files: readonly DocumentFile[], codebook: Codebook, pairs: boolean): AgreementRow[] {
  const documents = files.map((file) => ({ id: file.meta.id, textLength: file.text.length }));
  const byCoder = groupByCoder(files.map((file) => ({ id: file.meta.id, annotations: file.annotations })));
  const tagIds = codebook.tags.map((tag) => tag.id);
  const spanMatch = { kind: 'overlap', minimum: 0.5 } as const;
  const pairsOfCoders = pairs
    ? [
        [0, 1],
        [0, 2],
        [1, 2],
      ].map(([a, b]) => [CODERS[a!]!, CODERS[b!]!])
    : [];
  return [CODERS, ...pairsOfCoders].flatMap((coders) => agreementReport(documents, byCoder, codebook, { coders, tagIds, spanMatch }));
}

async function readAndParse(folder: string): Promise<number> {
  const names = (await readdir(folder)).filter((name) => name.endsWith('.json'));
  const parsed = await Promise.all(names.map(async (name) => JSON.parse(await readFile(path.join(folder, name), 'utf8')) as DocumentFile));
  return parsed.reduce((sum, file) => sum + file.annotations.length, 0);
}

export async function agreementBenchmark(): Promise<object> {
  const codebook = Codebook.parse(JSON.parse(await readFile(path.join(RESOURCES_DIR, 'codebook', 'default-codebook.json'), 'utf8')));
  const leafTags = codebook.tags.filter((tag) => !codebook.tags.some((other) => other.parentId === tag.id)).map((tag) => tag.id);
  const random = generator(22);
  const files = Array.from({ length: DOCUMENTS }, (_, index) => codedDocument(index, leafTags, random));
  const root = await mkdtemp(path.join(os.tmpdir(), 'claimbench-agreement-'));
  try {
    let bytes = 0;
    for (const file of files) {
      const json = `${JSON.stringify(file, null, 2)}\n`;
      bytes += Buffer.byteLength(json);
      await writeFile(path.join(root, `${file.meta.id}.json`), json);
    }
    const subject: number[] = [];
    const subjectCpu: number[] = [];
    const withPairs: number[] = [];
    const baseline: number[] = [];
    const baselineCpu: number[] = [];
    // CPU time beside wall time: on a shared machine the wall time also counts other processes' turns.
    const cpuMs = (since: NodeJS.CpuUsage) => {
      const used = process.cpuUsage(since);
      return (used.user + used.system) / 1000;
    };
    let rows: AgreementRow[] = [];
    let threeCoderRows = 0;
    let annotationsRead = 0;
    // One of each first, unmeasured: compilation and the page cache.
    fullReport(files, codebook, true);
    await readAndParse(root);
    for (let run = 0; run < RUNS; run++) {
      let started = performance.now();
      let cpu = process.cpuUsage();
      annotationsRead = await readAndParse(root);
      baseline.push(performance.now() - started);
      baselineCpu.push(cpuMs(cpu));
      started = performance.now();
      cpu = process.cpuUsage();
      threeCoderRows = fullReport(files, codebook, false).length;
      subject.push(performance.now() - started);
      subjectCpu.push(cpuMs(cpu));
      started = performance.now();
      rows = fullReport(files, codebook, true);
      withPairs.push(performance.now() - started);
    }
    const pooledThree = rows.find((row) => row.documentId === null && row.coders.length === 3 && row.tag === 'claim-type');
    const pooledPair = rows.find((row) => row.documentId === null && row.coders.length === 2 && row.tag === 'claim-type');
    const ms = median(subject);
    const floor = median(baseline);
    return {
      id: 'agreement',
      unit: 'ms',
      workload: {
        documents: DOCUMENTS,
        coders: CODERS.length,
        annotationsPerCoder: PER_CODER,
        annotations: annotationsRead,
        tags: codebook.tags.length,
        characters: files.reduce((sum, file) => sum + file.text.length, 0),
        fileBytes: bytes,
        rows: threeCoderRows,
      },
      subject: {
        name: 'agreement report, 3 coders, every tag, per document and pooled',
        medianMs: round(ms),
        samplesMs: subject.map(round),
        medianCpuMs: round(median(subjectCpu)),
      },
      baseline: {
        name: 'readFile + JSON.parse of the document files',
        medianMs: round(floor),
        samplesMs: baseline.map(round),
        medianCpuMs: round(median(baselineCpu)),
      },
      ratio: round(ms / floor),
      target: '≤ 2000 ms',
      met: ms <= 2000,
      pairs: {
        name: 'the same plus a report for each pair of coders (4 reports)',
        medianMs: round(median(withPairs)),
        samplesMs: withPairs.map(round),
        rows: rows.length,
        ratio: round(median(withPairs) / floor),
      },
      sample: { pooledThreeCoders: pooledThree, pooledPair },
      machine: { cpus: os.availableParallelism(), loadAverage: os.loadavg().map((load) => round(load)) },
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

// `node bench/agreement.ts`: this benchmark alone, its JSON on stdout.
if (import.meta.filename === process.argv[1]) process.stdout.write(`${JSON.stringify(await agreementBenchmark(), null, 2)}\n`);
