// Who made the annotations, links and claims a call would change, asked of a workbench service
// through its own read methods: the CreatorLookup `dispatchAs` needs, for a team served from a
// store that has no quicker way (a team store answers it with one query). One read per document
// named, and one of the evidence when links or claims are named.
import type { WorkbenchService } from '../../core/contract/workbench-api.ts';
import type { CreatorLookup, Owned } from '../../core/team/roles.ts';

export function serviceCreatorLookup(service: Pick<WorkbenchService, 'getDocument' | 'getEvidence'>): CreatorLookup {
  return {
    async creatorsOf(items: readonly Owned[]) {
      const documentIds = [...new Set(items.flatMap((item) => (item.kind === 'annotation' ? [item.documentId] : [])))];
      const annotations = new Map<string, Map<string, string>>();
      for (const documentId of documentIds) {
        const document = await service.getDocument(documentId);
        if (document.ok)
          annotations.set(documentId, new Map(document.value.annotations.map((annotation) => [annotation.id, annotation.creator])));
      }
      const evidence = items.some((item) => item.kind !== 'annotation') ? await service.getEvidence() : undefined;
      const links = new Map(evidence?.links.map((link) => [link.id, link.creator]));
      const claims = new Map(evidence?.claims.map((claim) => [claim.id, claim.creator]));
      return items.map((item) => {
        if (item.kind === 'annotation') return annotations.get(item.documentId)?.get(item.annotationId);
        return (item.kind === 'link' ? links : claims).get(item.id);
      });
    },
  };
}
