// One writer per workspace. Every process that opens a workspace (the desktop app, the web host,
// the CLI) holds `.lock` in its folder: a file created exclusively (O_EXCL), naming the process,
// its host and what it is. A second process gets a clear error naming the first. A lock left by a
// process that died (a crash, kill -9) is recovered: on the same host, a lock whose process is no
// longer running is stale. Two writers would otherwise interleave whole-file writes and lose work.
import { hostname } from 'node:os';
import { open, readdir, readFile, rename, rm, unlink } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { fail, ok, type Result } from '../../core/result.ts';

export const LOCK_FILE = '.lock';

const LockInfo = z.object({ pid: z.number().int().positive(), host: z.string(), purpose: z.string(), since: z.string() });
type LockInfo = z.infer<typeof LockInfo>;

export interface WorkspaceLock {
  /** Removes the lock (only if it is still this process's). Idempotent. */
  release(): Promise<void>;
}

/**
 * Takes the lock of the workspace in `dir` for this process; `purpose` says what holds it
 * ("claimbench serve"). Fails with `locked`, naming the holder, when another running process
 * holds it. This process may take it again (it is one writer).
 * @example const lock = await acquireWorkspaceLock(dir, 'claimbench serve'); … await lock.value.release();
 */
export async function acquireWorkspaceLock(dir: string, purpose: string): Promise<Result<WorkspaceLock, 'locked' | 'write-failed'>> {
  const file = path.join(dir, LOCK_FILE);
  const mine: LockInfo = { pid: process.pid, host: hostname(), purpose, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(file, 'wx', 0o644);
      await handle.writeFile(`${JSON.stringify(mine)}\n`);
      await handle.close();
      return ok(lockOf(file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        return fail('write-failed', `Could not lock ${dir}: ${(error as Error).message}`);
    }
    const holder = await readHolder(file);
    if (holder !== undefined && holder.pid === process.pid && holder.host === mine.host) return ok(lockOf(file, false));
    if (holder !== undefined && (holder.host !== mine.host || isRunning(holder.pid))) {
      const where = holder.host === mine.host ? '' : ` on ${holder.host}`;
      return fail(
        'locked',
        `The workspace ${dir} is open in process ${holder.pid}${where} (${holder.purpose}, since ${holder.since}). Close it there first; one workspace has one writer.`,
      );
    }
    // Stale (its process is gone) or unreadable (a crash while it was written): moved away, then taken again.
    await rename(file, `${file}.stale-${randomUUID()}`).catch(() => undefined);
    await removeStale(dir);
  }
  return fail('locked', `The workspace ${dir} is being opened by another process at the same moment; try again.`);
}

/** The holder named in the lock file, or undefined when it cannot be read (being written, or torn). */
export async function readHolder(file: string): Promise<LockInfo | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const parsed = LockInfo.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function lockOf(file: string, owned = true): WorkspaceLock {
  let released = !owned;
  // A process that exits without releasing (Ctrl-C in a CLI) still removes its lock.
  const onExit = () => {
    if (!released) {
      try {
        unlinkSync(file);
      } catch {
        // Gone already.
      }
    }
  };
  if (owned) process.once('exit', onExit);
  return {
    async release() {
      if (released) return;
      released = true;
      process.off('exit', onExit);
      const holder = await readHolder(file);
      if (holder?.pid === process.pid) await unlink(file).catch(() => undefined);
    },
  };
}

/** Whether process `pid` is alive (one of another user's counts: it cannot be signalled, but it runs). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the stale locks moved aside above. */
async function removeStale(dir: string): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (name.startsWith(`${LOCK_FILE}.stale-`)) await rm(path.join(dir, name), { force: true });
  }
}
