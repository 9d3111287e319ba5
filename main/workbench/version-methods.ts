// A document's version history through the service: the versions (core/model/document-versions.ts)
// and the text of any of them, the current one from the document, earlier ones from texts/<hash>
// (kept when a new version was imported, main/import/new-version.ts). Nothing here writes.
import type { WorkbenchApi } from '../../core/contract/workbench-api.ts';
import { versionsOf } from '../../core/model/document-versions.ts';
import { fail, ok } from '../../core/result.ts';
import { withHeld } from '../store/document-holds.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';

type VersionMethods = Pick<WorkbenchApi, 'listVersions' | 'getVersionText'>;

export function versionMethods(store: WorkspaceStore): VersionMethods {
  return {
    listVersions(documentId) {
      return withHeld(store, [documentId], async () => {
        const document = store.document(documentId);
        if (document === undefined) return fail('not-found', `There is no document "${documentId}" in this workspace.`);
        return ok(versionsOf(document));
      });
    },

    getVersionText(documentId, number) {
      return withHeld(store, [documentId], async () => {
        const document = store.document(documentId);
        if (document === undefined) return fail('not-found', `There is no document "${documentId}" in this workspace.`);
        const versions = versionsOf(document);
        const version = versions[number - 1];
        if (version === undefined)
          return fail(
            'not-found',
            `"${document.meta.title}" has ${versions.length} ${versions.length === 1 ? 'version' : 'versions'}, not ${number}.`,
          );
        if (version.current) return ok({ version, text: document.text });
        const text = await store.readVersionText(version.textHash);
        if (text === undefined)
          return fail(
            'not-found',
            `The text of version ${number} of "${document.meta.title}" is missing or damaged (texts/${version.textHash}); \`claimbench check\` lists what the workspace lacks.`,
          );
        return ok({ version, text });
      });
    },
  };
}
