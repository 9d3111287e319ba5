// An event thinned out for states where only the latest matters (see latestAtMost).
import { Emitter, type Event } from '../../core/events.ts';

/**
 * `event` at most once per `ms`: a value is passed on at once when none was in the last `ms`,
 * otherwise the latest of those in between is passed on when the `ms` are up (the ones before it
 * are dropped). For states where only the latest matters, told to many windows: the save state,
 * which fifty analysts saving change a hundred times a second.
 */
export function latestAtMost<T>(event: Event<T>, ms: number): { readonly event: Event<T>; dispose(): void } {
  const emitter = new Emitter<T>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let held: { value: T } | undefined;
  const open = () => {
    timer = setTimeout(() => {
      timer = undefined;
      if (held === undefined) return;
      const { value } = held;
      held = undefined;
      open();
      emitter.fire(value);
    }, ms);
  };
  const subscription = event((value) => {
    if (timer !== undefined) {
      held = { value };
      return;
    }
    open();
    emitter.fire(value);
  });
  return {
    event: emitter.event,
    dispose() {
      subscription.dispose();
      if (timer !== undefined) clearTimeout(timer);
      emitter.dispose();
    },
  };
}
