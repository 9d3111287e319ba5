// The workspace's codebook as REFI-QDA .qdc (NVivo, ATLAS.ti, MAXQDA, Taguette): `exportCodebook`
// and the bundle's codebook.qdc.
import { codebookToQdc } from '../../core/codebook/refi-qdc.ts';
import type { WorkspaceFile } from '../../core/model/stored-files.ts';
import { legacyTagGuid } from '../store/name-based-uuid.ts';

/**
 * The workspace's codebook as REFI-QDA .qdc, each code with its tag's stored GUID (core/codebook/tag-guids.ts);
 * a tag without one (never so in an opened workspace) gets the one it would get on opening.
 */
export function codebookQdc({ codebook, createdAt }: Pick<WorkspaceFile, 'codebook' | 'createdAt'>): string {
  const guidFor = (tagId: string) => legacyTagGuid(createdAt, tagId);
  return codebookToQdc(codebook, { origin: 'Claimbench', guidFor });
}
