// The argument schemas of every workbench method. Main parses every incoming call with these
// (IPC or HTTP) before the service sees it; a method without a schema does not compile.
import { z } from 'zod';
import { DocumentId } from '../model/document.ts';
import type { WorkbenchApi } from './workbench-api.ts';

const SettingsPatch = z.strictObject({
  analystName: z.string().trim().max(200).optional(),
});

export const workbenchArgs = {
  listDocuments: z.tuple([]),
  getDocument: z.tuple([DocumentId]),
  getWorkspaceInfo: z.tuple([]),
  updateSettings: z.tuple([SettingsPatch]),
} satisfies { [M in keyof WorkbenchApi]: z.ZodType<Parameters<WorkbenchApi[M]>> };
