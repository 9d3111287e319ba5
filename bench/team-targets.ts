// The team-server benchmark's table of issue 24's figures: each value with its target, whether it
// is met, and the baselines of the same run (the SQL floor, the local JSON store) with the ratios.
import type { floorBenchmark } from './team-floor.ts';
import type { localServer, teamServer } from './team-server.ts';

type Team = Awaited<ReturnType<typeof teamServer>>;
type Local = Awaited<ReturnType<typeof localServer>>;
type Floor = Awaited<ReturnType<typeof floorBenchmark>>;

/** Each issue figure: value, target, whether it is met, and the baselines of the same run with the ratio to each. */
export function targetTable(team: Team, floor: Floor, local: Local) {
  const row = (id: string, value: number, target: string, pass: boolean, baselines: { floor?: number; local?: number } = {}) => ({
    id,
    value,
    target,
    pass,
    ...baselines,
    ...(baselines.floor === undefined ? {} : { ratioToFloor: Math.round((value / baselines.floor) * 100) / 100 }),
    ...(baselines.local === undefined ? {} : { ratioToLocal: Math.round((value / baselines.local) * 100) / 100 }),
  });
  return [
    row('T1 save p50 ms', team.t1.p50Ms, '≤ 15', team.t1.p50Ms <= 15, { floor: floor.open.p50Ms, local: local.t1.p50Ms }),
    row('T1 save p99 ms', team.t1.p99Ms, '≤ 100', team.t1.p99Ms <= 100, { floor: floor.open.p99Ms, local: local.t1.p99Ms }),
    row('T1 errors', team.t1.errors, '0', team.t1.errors === 0, { floor: floor.open.errors, local: local.t1.errors }),
    row('T2 saves/s', team.t2.savesPerSecond, '≥ 300', team.t2.savesPerSecond >= 300, {
      floor: floor.closed.savesPerSecond,
      local: local.t2.savesPerSecond,
    }),
    row('T2 p99 ms', team.t2.p99Ms, '≤ 500', team.t2.p99Ms <= 500, { floor: floor.closed.p99Ms, local: local.t2.p99Ms }),
    row('T3 seen by the other 49, p50 ms', team.t3.p50Ms, '≤ 50', team.t3.p50Ms <= 50, { local: local.t3.p50Ms }),
    row('T3 seen by the other 49, p99 ms', team.t3.p99Ms, '≤ 250', team.t3.p99Ms <= 250, { local: local.t3.p99Ms }),
    row(
      'T3 missing + duplicate + out of order',
      team.t3.missing + team.t3.duplicates + (team.t3.sameOrderOnEveryStream ? 0 : 1),
      '0',
      team.t3.missing + team.t3.duplicates === 0 && team.t3.sameOrderOnEveryStream,
    ),
    row(
      'T6 listDocumentsPage (first page, 200 rows) p50 ms',
      team.reads.listDocumentsFirstPage.p50Ms,
      '≤ 50',
      team.reads.listDocumentsFirstPage.p50Ms <= 50,
    ),
    row('T6 listDocuments (the whole list) p50 ms', team.reads.listDocuments.p50Ms, '≤ 1,500', team.reads.listDocuments.p50Ms <= 1500),
    row('T7 getDocument p50 ms (idle)', team.reads.getDocument.p50Ms, '≤ 30', team.reads.getDocument.p50Ms <= 30),
    row('T7 getDocument p50 ms (under T1)', team.getDocumentUnderT1.p50Ms, '≤ 30', team.getDocumentUnderT1.p50Ms <= 30, {
      local: local.getDocumentUnderT1.p50Ms,
    }),
    row('T8 search p50 ms (PostgreSQL full-text search and pg_trgm)', team.reads.search.p50Ms, '≤ 50', team.reads.search.p50Ms <= 50, {
      floor: team.reads.searchFloor.p50Ms,
    }),
    row('server open ms (spawn to listening)', team.openMs, '–', true, { local: local.openMs }),
    row('search index ready ms after listening', team.searchIndexReadyMs, '–', true),
    row('T15 server RSS MB with 50 analysts (peak)', team.memory.afterLoads.peakRssMb, '≤ 500', team.memory.afterLoads.peakRssMb <= 500, {
      local: local.memory.peakRssMb,
    }),
  ];
}

/** The terminal's line: the scale, the import, then each target row with its baselines. */
export function teamServerSummary(benchmark: Record<string, unknown>): string {
  const {
    scale,
    import: imported,
    targets,
    team,
  } = benchmark as unknown as {
    scale: { documents: number; annotations: number };
    import: { seconds: number; documentsPerSecond: number };
    team: { openMs: number; cpu: { t1: { serverCores: number }; t2: { serverCores: number } } };
    targets: ReturnType<typeof targetTable>;
  };
  const rows = targets.map(
    (row) =>
      `${row.id} ${row.value} (${row.target}${row.pass ? '' : ', MISSED'})${row.floor === undefined ? '' : ` floor ${row.floor}`}${
        row.local === undefined ? '' : ` local ${row.local}`
      }`,
  );
  const cpu = `server CPU (cores busy) T1 ${team.cpu.t1.serverCores}, T2 ${team.cpu.t2.serverCores}`;
  return `team-server (${scale.documents} documents / ${scale.annotations} annotations): import ${imported.seconds} s (${imported.documentsPerSecond} documents/s); open ${team.openMs} ms; ${rows.join('; ')}; ${cpu}`;
}
