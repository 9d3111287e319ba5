// The settings half of the workbench service: changing the workspace's settings (checked by
// core/settings/settings-change.ts against what the records use), counting that use for the
// settings dialog, and "Remove the sample" (the sample's documents and records, one undo step).
import type { WorkbenchApi } from '../../core/contract/workbench-api.ts';
import { afterAnnotationsRemoved, dependentsOf } from '../../core/evidence/references.ts';
import { isSampleDocument, SAMPLE_CREATOR } from '../../core/model/sample.ts';
import { fail, ok } from '../../core/result.ts';
import { applySettingsPatch, type SettingsUsage } from '../../core/settings/settings-change.ts';
import type { DocumentFile } from '../../core/model/stored-files.ts';
import { withHeld } from '../store/document-holds.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { statusUsage } from './annotation-tallies.ts';
import type { ChangeLog } from './change-log.ts';

type SettingsMethods = Pick<WorkbenchApi, 'updateSettings' | 'getSettingsUsage' | 'removeSample'>;

/** `announce` tells every window the workspace changed (its name or settings). */
export function settingsMethods(store: WorkspaceStore, changes: ChangeLog, announce: () => void): SettingsMethods {
  const usage = async (): Promise<SettingsUsage> => {
    const statuses = await statusUsage(store);
    const ratings: Record<string, number> = {};
    for (const claim of store.evidence.claims)
      if (claim.verdict !== undefined) ratings[claim.verdict.rating] = (ratings[claim.verdict.rating] ?? 0) + 1;
    return { statuses, ratings };
  };

  return {
    // In turn with the changes: a codebook change writes workspace.json too, from what it read.
    updateSettings(patch) {
      return changes.exclusive(async () => {
        const current = store.workspace;
        const next = applySettingsPatch(current, patch, await usage());
        if (!next.ok) return next;
        const written = await store.updateWorkspace({ ...current, name: next.value.name, settings: next.value.settings });
        if (!written.ok) return written;
        announce();
        return ok(written.value.settings);
      });
    },

    getSettingsUsage() {
      return usage();
    },

    removeSample() {
      return changes.exclusive(async () => {
        const ids = await sampleDocumentIds(store);
        if (ids.length === 0) return fail('nothing-to-remove', 'This workspace holds no sample documents.');
        return withHeld(store, ids, () => removeDocuments(ids.flatMap((id) => store.document(id) ?? [])));
      });
    },
  };

  /** Removes the sample's `documents` (held): them, the links to them and its own claims left without mentions, as one change. */
  async function removeDocuments(documents: readonly DocumentFile[]) {
    const target = {
      annotations: documents.flatMap(({ meta, annotations }) =>
        annotations.map((annotation) => ({ documentId: meta.id, annotationId: annotation.id })),
      ),
    };
    const { links } = dependentsOf(store.evidence, target);
    // The sample's own claims go when none of their mentions is left; the analyst's stay (as
    // when a document is deleted), for the analyst to see and delete.
    const evidence = afterAnnotationsRemoved(store.evidence, target).map((edit) =>
      edit.kind === 'claim' && edit.after?.mentions.length === 0 && edit.after.creator === SAMPLE_CREATOR
        ? { ...edit, after: undefined }
        : edit,
    );
    const written = await changes.commit({
      label: `Remove the sample (${documents.length} document${documents.length === 1 ? '' : 's'})`,
      annotations: [],
      documents: documents.map((before) => ({ documentId: before.meta.id, before, after: undefined })),
      evidence,
    });
    if (!written.ok) return written;
    return ok({
      documents: documents.length,
      annotations: target.annotations.length,
      links: links.length,
      claims: evidence.filter((edit) => edit.kind === 'claim' && edit.after === undefined).length,
    });
  }
}

/** Heads whose metas `sampleDocumentIds` reads at once. */
const META_BATCH = 1000;

/**
 * The sample's documents, in library order. A head cannot say whether a document is the sample's
 * (isSampleDocument reads its meta), so every head's meta is read, META_BATCH at a time
 * (docs/design/on-demand-store.md §2.2): rare, and only an admin does it.
 */
async function sampleDocumentIds(store: Pick<WorkspaceStore, 'heads' | 'metas'>): Promise<string[]> {
  const ids: string[] = [];
  const heads = store.heads.map(({ id }) => id);
  for (let start = 0; start < heads.length; start += META_BATCH) {
    const metas = await store.metas(heads.slice(start, start + META_BATCH));
    for (const [id, meta] of metas) if (isSampleDocument(meta)) ids.push(id);
  }
  return ids;
}
