// Files handed over by a window (dropped, chosen, or uploaded to the web host) wait here, in a
// private temporary folder, until an import takes them. Each is read once and then deleted.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import { fail, ok, type Result } from '../../core/result.ts';
import type { ImportSource } from './import-files.ts';

export interface StagedUpload {
  readonly uploadId: string;
  readonly size: number;
}

export type StageFailure = 'too-large' | 'write-failed';

export class UploadStaging {
  private dir: string | undefined;
  private readonly staged = new Map<string, { file: string; size: number }>();
  /** The largest file taken, in bytes (the web host refuses a larger declared upload before staging). */
  readonly maxBytes: number;

  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }

  /** Stages bytes that are already in memory (the desktop window's IPC upload). */
  async stageBytes(bytes: Uint8Array): Promise<Result<StagedUpload, StageFailure>> {
    if (bytes.length > this.maxBytes) return fail('too-large', `the file is larger than the ${this.maxBytes}-byte limit`);
    const { uploadId, file } = await this.newFile();
    try {
      await writeFile(file, bytes, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      await rm(file, { force: true });
      return fail('write-failed', `could not stage the file: ${(error as Error).message}`);
    }
    this.staged.set(uploadId, { file, size: bytes.length });
    return ok({ uploadId, size: bytes.length });
  }

  /** Stages a request body, stopping as soon as it passes the size cap. */
  async stageStream(body: Readable): Promise<Result<StagedUpload, StageFailure>> {
    const { uploadId, file } = await this.newFile();
    let size = 0;
    const limit = this.maxBytes;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        callback(size > limit ? Object.assign(new Error('too large'), { code: 'TOO_LARGE' }) : null, chunk);
      },
    });
    try {
      await pipeline(body, counter, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
    } catch (error) {
      await rm(file, { force: true });
      if ((error as { code?: string }).code === 'TOO_LARGE') return fail('too-large', `the file is larger than the ${limit}-byte limit`);
      return fail('write-failed', `could not stage the file: ${(error as Error).message}`);
    }
    this.staged.set(uploadId, { file, size });
    return ok({ uploadId, size });
  }

  /** The staged file as an import source; it is deleted once read. Undefined for an unknown id. */
  take(uploadId: string, name: string): ImportSource | undefined {
    const entry = this.staged.get(uploadId);
    if (entry === undefined) return undefined;
    this.staged.delete(uploadId);
    return {
      name: path.basename(name),
      origin: path.basename(name),
      size: entry.size,
      read: async () => {
        try {
          return new Uint8Array(await readFile(entry.file));
        } finally {
          await rm(entry.file, { force: true });
        }
      },
    };
  }

  /**
   * The staged file itself, for a reader that streams it (a bundle); `release` deletes it.
   * Undefined for an unknown id. The file is no longer staged: the caller owns it.
   */
  takeFile(uploadId: string): { readonly file: string; readonly size: number; release(): Promise<void> } | undefined {
    const entry = this.staged.get(uploadId);
    if (entry === undefined) return undefined;
    this.staged.delete(uploadId);
    return { file: entry.file, size: entry.size, release: () => rm(entry.file, { force: true }) };
  }

  /** Forgets a staged file that will not be imported. */
  async discard(uploadId: string): Promise<void> {
    const entry = this.staged.get(uploadId);
    this.staged.delete(uploadId);
    if (entry) await rm(entry.file, { force: true });
  }

  get count(): number {
    return this.staged.size;
  }

  /** Removes the staging folder and everything still in it. */
  async dispose(): Promise<void> {
    this.staged.clear();
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }

  private async newFile(): Promise<{ uploadId: string; file: string }> {
    if (
      this.dir === undefined ||
      !(await stat(this.dir).then(
        () => true,
        () => false,
      ))
    ) {
      this.dir = await mkdtemp(path.join(os.tmpdir(), 'claimbench-uploads-'));
    }
    const uploadId = randomUUID();
    return { uploadId, file: path.join(this.dir, uploadId) };
  }
}
