// Finished exports wait here, in a private temporary folder, until the window saves them: the web
// host streams one to the browser as a download, the desktop shell's app:// protocol does the same
// (and Electron asks where to save it). Each export keeps its file until the host closes, so a
// download that failed can be tried again; the folder goes when the host does.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface StagedExport {
  readonly downloadId: string;
  /** Where the export is to be written (the writer creates it). */
  readonly path: string;
  /** The name to offer when saving. */
  readonly fileName: string;
}

export class ExportStaging {
  private dir: string | undefined;
  private readonly staged = new Map<string, StagedExport>();

  /** A place for a new export named `fileName`; forget it with `discard` if the export fails. */
  async reserve(fileName: string): Promise<StagedExport> {
    if (
      this.dir === undefined ||
      !(await stat(this.dir).then(
        () => true,
        () => false,
      ))
    ) {
      this.dir = await mkdtemp(path.join(os.tmpdir(), 'claimbench-exports-'));
    }
    const downloadId = randomUUID();
    const staged = { downloadId, path: path.join(this.dir, downloadId), fileName };
    this.staged.set(downloadId, staged);
    return staged;
  }

  /** The finished export under `downloadId`, if there is one (the id is checked: it comes from a request). */
  get(downloadId: string): StagedExport | undefined {
    return this.staged.get(downloadId);
  }

  async discard(downloadId: string): Promise<void> {
    const staged = this.staged.get(downloadId);
    this.staged.delete(downloadId);
    if (staged) await rm(staged.path, { force: true });
  }

  async dispose(): Promise<void> {
    this.staged.clear();
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}

/** `Content-Disposition` for saving `fileName`: an ASCII fallback and the UTF-8 name (RFC 6266). */
export function attachmentHeader(fileName: string): string {
  const ascii =
    fileName
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '') || 'export';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
