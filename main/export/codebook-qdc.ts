// The workspace's codebook as REFI-QDA .qdc (NVivo, ATLAS.ti, MAXQDA, Taguette): `exportCodebook`
// and the bundle's codebook.qdc.
import { codebookToQdc } from '../../core/codebook/refi-qdc.ts';
import type { WorkspaceFile } from '../../core/model/stored-files.ts';
import { nameBasedUuid } from './export-names.ts';

/** The workspace's codebook as REFI-QDA .qdc; a tag without a GUID gets the same one on every export of this workspace. */
export function codebookQdc({ codebook, createdAt }: Pick<WorkspaceFile, 'codebook' | 'createdAt'>): string {
  const guidFor = (tagId: string) => nameBasedUuid(`claimbench:${createdAt}:${tagId}`);
  return codebookToQdc(codebook, { origin: 'Claimbench', guidFor });
}
