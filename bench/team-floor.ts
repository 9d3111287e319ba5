// The team-server benchmark's floor: the same saves as bare SQL through `pg`, one connection per
// analyst, no HTTP, no service, no JSON over the wire. A save is what the PostgreSQL store's
// createAnnotation writes at the least (main/team/migrations/0001-workspace.ts): one transaction
// of an annotations row and a change_log row naming the actor.
import pg from 'pg';
import { runClosedLoop, runOpenLoop, summarizeSaves, type SaveOnce } from './team-load.ts';

/** Opens `analysts` connections to `url`; `save(i)` saves one annotation on document `documentIds[…]` as analyst i. */
async function floorSaver(url: string, analysts: number, documentIds: readonly string[], random: () => number) {
  const clients = await Promise.all(
    Array.from({ length: analysts }, async () => {
      const client = new pg.Client({ connectionString: url, application_name: 'claimbench-bench-floor' });
      await client.connect();
      return client;
    }),
  );
  let made = 0;
  // One transaction at a time on a connection: an analyst's next save waits for its last (in the open loop too).
  const queues = clients.map((): Promise<unknown> => Promise.resolve());
  const save: SaveOnce = (analyst) => {
    const saved = queues[analyst]!.then(() => saveOn(analyst));
    queues[analyst] = saved.catch(() => {});
    return saved;
  };
  const saveOn = async (analyst: number) => {
    const client = clients[analyst]!;
    const documentId = documentIds[Math.floor(random() * documentIds.length)]!;
    const id = `floor-${analyst}-${made++}`;
    const now = new Date().toISOString();
    const start = Math.floor(random() * 2000);
    const annotation = {
      id,
      target: { source: documentId, selector: [{ type: 'TextPositionSelector', start, end: start + 40 }] },
      anchor: { state: 'exact' },
      tags: ['statistic'],
      speaker: '',
      outlet: '',
      status: 'unverified',
      note: '',
      creator: `analyst-${analyst}`,
      created: now,
      modified: now,
      version: 1,
    };
    await client.query('BEGIN');
    try {
      await client.query('INSERT INTO annotations (document_id, id, position, data, author) VALUES ($1, $2, $3, $4, $5)', [
        documentId,
        id,
        1_000_000 + made,
        annotation,
        `analyst-${analyst}`,
      ]);
      await client.query('INSERT INTO change_log (actor, kind, document_id, annotation_ids, payload) VALUES ($1, $2, $3, $4, $5)', [
        `analyst-${analyst}`,
        'createAnnotation',
        documentId,
        [id],
        { put: [annotation] },
      ]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
    return { ok: true };
  };
  return { save, close: () => Promise.all(clients.map((client) => client.end())) };
}

/** The floor under the T1 (open loop) and T2 (closed loop) loads of the team server. */
export async function floorBenchmark(
  url: string,
  { analysts, openSeconds, closedSeconds, documentIds, random }: FloorOptions,
): Promise<{ open: ReturnType<typeof summarizeSaves>; closed: ReturnType<typeof summarizeSaves> }> {
  const { save, close } = await floorSaver(url, analysts, documentIds, random);
  try {
    const open = summarizeSaves(await runOpenLoop(analysts, 1, openSeconds, save, random));
    const closed = summarizeSaves(await runClosedLoop(analysts, closedSeconds, save));
    return { open, closed };
  } finally {
    await close();
  }
}

export interface FloorOptions {
  readonly analysts: number;
  readonly openSeconds: number;
  readonly closedSeconds: number;
  readonly documentIds: readonly string[];
  readonly random: () => number;
}
