// Speakers as entities: the codebook says which names are one speaker ("Zelenskyy", also
// "Zelensky"). Annotations keep a name; these functions resolve it to its speaker, merge speakers
// (what the analyst does on finding two spellings), and join two lists of speakers (a bundle's
// codebook into the workspace's). Names compare by `speakerKey`: case, accents and spacing aside.
import { fail, ok, type Result } from '../result.ts';
import { Codebook, speakerKey, type Speaker } from '../model/codebook.ts';

/** A name as the speaker it belongs to: its entity's name and other spellings, or the name alone. */
export interface ResolvedSpeaker {
  readonly name: string;
  readonly aliases: readonly string[];
}

/** Resolves names to their speakers, through a lookup built once. */
export function speakerResolver(codebook: Codebook): (name: string) => ResolvedSpeaker {
  const byKey = new Map<string, Speaker>();
  for (const speaker of codebook.speakers ?? [])
    for (const spelling of [speaker.name, ...speaker.aliases]) byKey.set(speakerKey(spelling), speaker);
  return (name) => {
    const speaker = byKey.get(speakerKey(name));
    return speaker === undefined ? { name: name.trim(), aliases: [] } : speaker;
  };
}

/** The name an annotation should store for `typed`: its speaker's name when it is a known spelling, else `typed` trimmed. */
export function canonicalSpeaker(codebook: Codebook, typed: string): string {
  return typed.trim() === '' ? '' : speakerResolver(codebook)(typed).name;
}

/**
 * `codebook` with the speakers named in `from` made spellings of `into`: `into` becomes (or stays)
 * a speaker whose aliases are every name and alias of `from`, and those speakers go. Names not yet
 * in the codebook are taken as they are. `into` must not be among `from`.
 */
export function mergeSpeakers(codebook: Codebook, into: string, from: readonly string[]): Result<Codebook, 'invalid'> {
  const resolve = speakerResolver(codebook);
  const target = resolve(into);
  if (target.name === '') return fail('invalid', 'Choose the name to keep.');
  const merged = from.map(resolve).filter((speaker) => speakerKey(speaker.name) !== speakerKey(target.name));
  if (merged.length === 0) return fail('invalid', `Choose at least one other speaker to merge into “${target.name}”.`);
  const gone = new Set(merged.map((speaker) => speakerKey(speaker.name)));
  const seen = new Set([speakerKey(target.name)]);
  const aliases: string[] = [];
  for (const spelling of [...target.aliases, ...merged.flatMap((speaker) => [speaker.name, ...speaker.aliases])]) {
    const key = speakerKey(spelling);
    if (seen.has(key)) continue;
    seen.add(key);
    aliases.push(spelling);
  }
  const speakers = (codebook.speakers ?? []).filter(
    (speaker) => !gone.has(speakerKey(speaker.name)) && speakerKey(speaker.name) !== speakerKey(target.name),
  );
  const checked = Codebook.safeParse({ ...codebook, speakers: [...speakers, { name: target.name, aliases }] });
  if (!checked.success) return fail('invalid', checked.error.issues[0]?.message ?? 'The speakers do not fit together.');
  return ok(checked.data);
}

/**
 * The speakers of `current` joined with those of `incoming` (a bundle's): an incoming speaker that
 * shares a spelling with ours adds its other spellings to ours (our name is kept); one that shares
 * none is added. Spellings that two of ours already hold stay with the first. The same list (the
 * same array) comes back when nothing is new.
 */
export function joinSpeakers(current: readonly Speaker[] | undefined, incoming: readonly Speaker[] | undefined): Speaker[] | undefined {
  if (!incoming || incoming.length === 0) return current === undefined ? undefined : [...current];
  const speakers = (current ?? []).map((speaker) => ({ name: speaker.name, aliases: [...speaker.aliases] }));
  const owner = new Map<string, { name: string; aliases: string[] }>();
  for (const speaker of speakers) for (const spelling of [speaker.name, ...speaker.aliases]) owner.set(speakerKey(spelling), speaker);
  for (const theirs of incoming) {
    const spellings = [theirs.name, ...theirs.aliases];
    let ours = spellings.map((spelling) => owner.get(speakerKey(spelling))).find((found) => found !== undefined);
    if (ours === undefined) {
      ours = { name: theirs.name, aliases: [] };
      speakers.push(ours);
      owner.set(speakerKey(theirs.name), ours);
    }
    for (const spelling of spellings) {
      if (owner.has(speakerKey(spelling))) continue;
      ours.aliases.push(spelling);
      owner.set(speakerKey(spelling), ours);
    }
  }
  return speakers;
}

/** Whether two lists of speakers say the same (same names and spellings, in order). */
export function sameSpeakers(a: readonly Speaker[] | undefined, b: readonly Speaker[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}
