// Speakers as entities, in the service: list them with their use, and merge two spellings into one
// speaker (the codebook keeps the other names as aliases; annotations are rewritten to the name),
// in one undoable change through the change log like every codebook change.
import { mergeSpeakers, speakerResolver } from '../../core/codebook/speakers.ts';
import type { WorkbenchApi } from '../../core/contract/workbench-api.ts';
import type { AnnotationEdit } from '../../core/history/history.ts';
import { speakerKey } from '../../core/model/codebook.ts';
import { fail, ok } from '../../core/result.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { speakerUsage, spellingsOf } from './annotation-tallies.ts';
import type { ChangeLog } from './change-log.ts';

type SpeakerMethods = Pick<WorkbenchApi, 'getSpeakers' | 'mergeSpeakers'>;

export function speakerMethods(store: WorkspaceStore, changes: ChangeLog): SpeakerMethods {
  return {
    getSpeakers() {
      return speakerUsage(store, store.workspace.codebook);
    },

    mergeSpeakers(into, from) {
      return changes.exclusive(async () => {
        const before = store.workspace.codebook;
        const merged = mergeSpeakers(before, into, from);
        if (!merged.ok) return merged;
        const speakerOf = speakerResolver(merged.value);
        const name = speakerOf(into).name;
        const now = new Date().toISOString();
        // The annotations to rewrite are those of every spelling the merged codebook makes `name`'s.
        const spellings = await spellingsOf(store, merged.value, name);
        const found = spellings.length === 0 ? [] : await store.findAnnotations({ speakers: spellings });
        const edits = found.map(({ documentId, annotation }): AnnotationEdit => ({
          documentId,
          annotationId: annotation.id,
          before: annotation,
          after: { ...annotation, speaker: name, modified: now },
        }));
        const others = from.filter((spelling) => speakerKey(spelling) !== speakerKey(name));
        const written = await changes.commit({
          label: `Merge speaker${others.length === 1 ? '' : 's'} ${others.join(', ')} into ${name}`,
          annotations: edits,
          codebook: { before, after: merged.value },
        });
        // Inside `exclusive` no document can go missing under the change, so a failure is the disk's.
        return written.ok ? ok({ annotations: edits.length }) : fail('write-failed', written.error.message);
      });
    },
  };
}
