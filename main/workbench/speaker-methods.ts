// Speakers as entities, in the service: list them with their use, and merge two spellings into one
// speaker (the codebook keeps the other names as aliases; annotations are rewritten to the name),
// in one undoable change through the change log like every codebook change.
import { mergeSpeakers, speakerResolver } from '../../core/codebook/speakers.ts';
import type { SpeakerUsage } from '../../core/contract/codebook-api.ts';
import type { WorkbenchApi } from '../../core/contract/workbench-api.ts';
import type { AnnotationEdit } from '../../core/history/history.ts';
import { speakerKey } from '../../core/model/codebook.ts';
import { fail, ok } from '../../core/result.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import type { ChangeLog } from './change-log.ts';

type SpeakerMethods = Pick<WorkbenchApi, 'getSpeakers' | 'mergeSpeakers'>;

export function speakerMethods(store: WorkspaceStore, changes: ChangeLog): SpeakerMethods {
  return {
    async getSpeakers() {
      const { codebook } = store.workspace;
      const speakerOf = speakerResolver(codebook);
      const usage = new Map<string, { name: string; aliases: readonly string[]; annotations: number }>();
      for (const speaker of codebook.speakers ?? []) usage.set(speakerKey(speaker.name), { ...speaker, annotations: 0 });
      for (const document of store.documents) {
        for (const annotation of document.annotations) {
          if (annotation.speaker.trim() === '') continue;
          const speaker = speakerOf(annotation.speaker);
          const key = speakerKey(speaker.name);
          const entry = usage.get(key) ?? { ...speaker, annotations: 0 };
          entry.annotations++;
          usage.set(key, entry);
        }
      }
      return [...usage.values()]
        .sort((a, b) => b.annotations - a.annotations || a.name.localeCompare(b.name))
        .map(({ name, aliases, annotations }): SpeakerUsage => ({ name, aliases, annotations }));
    },

    mergeSpeakers(into, from) {
      return changes.exclusive(async () => {
        const before = store.workspace.codebook;
        const merged = mergeSpeakers(before, into, from);
        if (!merged.ok) return merged;
        const speakerOf = speakerResolver(merged.value);
        const name = speakerOf(into).name;
        const now = new Date().toISOString();
        const edits: AnnotationEdit[] = [];
        for (const document of store.documents) {
          for (const annotation of document.annotations) {
            if (annotation.speaker.trim() === '' || annotation.speaker === name || speakerOf(annotation.speaker).name !== name) continue;
            edits.push({
              documentId: document.meta.id,
              annotationId: annotation.id,
              before: annotation,
              after: { ...annotation, speaker: name, modified: now },
            });
          }
        }
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
