// The claim form's keys, from the command registry: a tag's key toggles the tag (outside text
// fields; with Alt anywhere, so it works while typing a note), Alt+S moves to the next status,
// Ctrl/Cmd+Enter saves.
import { inTextField, isKeyOf } from '../commands/command-registry.ts';

export type FormKey =
  { readonly kind: 'tag'; readonly tagId: string } | { readonly kind: 'status' } | { readonly kind: 'save' } | undefined;

/** What a key press in the form asks for; `shortcuts` maps the codebook's tag keys to tag ids. */
export function formKeyOf(event: KeyboardEvent, shortcuts: ReadonlyMap<string, string>): FormKey {
  if (isKeyOf('form.save', event)) return { kind: 'save' };
  if (isKeyOf('form.status', event)) return { kind: 'status' };
  if (event.ctrlKey || event.metaKey || event.shiftKey) return undefined;
  // With Alt, some layouts type another character: the key's position says which digit it was.
  const key = event.altKey ? (/^(?:Digit|Numpad)(\d)$/.exec(event.code)?.[1] ?? event.key.toLowerCase()) : event.key.toLowerCase();
  const tagId = shortcuts.get(key);
  if (tagId === undefined || (!event.altKey && inTextField(event.target))) return undefined;
  return { kind: 'tag', tagId };
}

/** The status after `current` in the list (the first after the last). */
export function nextStatus(statuses: readonly { readonly id: string }[], current: string): string {
  const index = statuses.findIndex((status) => status.id === current);
  return statuses[(index + 1) % statuses.length]!.id;
}
