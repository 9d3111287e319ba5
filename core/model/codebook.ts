// The codebook: the hierarchical tags an analyst applies to claims (claim types, attribution kinds …).
import { z } from 'zod';

export const TagId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a tag id is lowercase letters, digits and dashes');

export const Tag = z.object({
  id: TagId,
  name: z.string().min(1).max(120),
  /** `#rrggbb`; highlights use it with transparency. */
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  parentId: TagId.optional(),
  /** One key that tags the selection at once in the reader ("1"–"9" or a letter). */
  shortcut: z
    .string()
    .regex(/^[0-9a-z]$/)
    .optional(),
  description: z.string().max(2000).default(''),
  /**
   * `false` for a tag that only groups others (REFI-QDA `isCodable="false"`, kept from an imported
   * codebook and written back); absent means codable.
   */
  codable: z.boolean().optional(),
  /**
   * The tag's GUID in other QDA tools (REFI-QDA `Code guid`, `8-4-4-4-12` hex), kept so that a
   * codebook exported and imported again matches its tags by it.
   */
  guid: z.guid().optional(),
});
export type Tag = z.infer<typeof Tag>;

/** How two spellings of a speaker are compared: Unicode-normalised, spaces collapsed, case and accents aside. */
export function speakerKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{Mn}/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLocaleLowerCase('en');
}

/**
 * A person or body that speaks in the documents, under one name and the other spellings it
 * appears as ("Zelenskyy", also "Zelensky", "Volodymyr Zelensky"). Annotations keep the speaker as
 * a name; the codebook's speakers say which names are the same one (see core/codebook/speakers.ts).
 */
export const Speaker = z.object({
  name: z.string().trim().min(1).max(500),
  aliases: z.array(z.string().trim().min(1).max(500)).max(200).default([]),
});
export type Speaker = z.infer<typeof Speaker>;

export const Codebook = z
  .object({
    tags: z.array(Tag),
    /** Speakers known under more than one name; absent in codebooks made before speakers existed. */
    speakers: z.array(Speaker).max(10_000).optional(),
  })
  .superRefine((codebook, context) => {
    // A spelling names one speaker: no name or alias belongs to two.
    const owner = new Map<string, string>();
    for (const speaker of codebook.speakers ?? []) {
      for (const spelling of [speaker.name, ...speaker.aliases]) {
        const key = speakerKey(spelling);
        const other = owner.get(key);
        if (other !== undefined && other !== speaker.name)
          context.addIssue({ code: 'custom', message: `"${spelling}" names two speakers: "${other}" and "${speaker.name}"` });
        owner.set(key, speaker.name);
      }
    }
    const ids = new Set<string>();
    for (const tag of codebook.tags) {
      if (ids.has(tag.id)) context.addIssue({ code: 'custom', message: `duplicate tag id "${tag.id}"` });
      ids.add(tag.id);
    }
    for (const tag of codebook.tags) {
      if (tag.parentId !== undefined && !ids.has(tag.parentId)) {
        context.addIssue({ code: 'custom', message: `tag "${tag.id}" has unknown parent "${tag.parentId}"` });
      }
    }
    // Parents form a tree: following them from any tag ends at a root.
    const parentOf = new Map(codebook.tags.map((tag) => [tag.id, tag.parentId]));
    for (const tag of codebook.tags) {
      const seen = new Set<string>();
      for (let id: string | undefined = tag.id; id !== undefined; id = parentOf.get(id)) {
        if (seen.has(id)) {
          context.addIssue({ code: 'custom', message: `tag "${tag.id}" would be inside itself` });
          break;
        }
        seen.add(id);
      }
    }
  });
export type Codebook = z.infer<typeof Codebook>;
