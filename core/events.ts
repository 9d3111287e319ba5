// Events in the VS Code style: subscribing returns a disposer, and every subscription is disposed.

export interface Disposable {
  dispose(): void;
}

export type Listener<T> = (event: T) => void;

/** Subscribing to an event: returns the disposer. */
export type Event<T> = (listener: Listener<T>) => Disposable;

/** A typed event source. `event` is what consumers subscribe to; `fire` stays with the owner. */
export class Emitter<T> {
  private readonly listeners = new Set<Listener<T>>();

  readonly event = (listener: Listener<T>): Disposable => {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  };

  fire(value: T): void {
    // Copy first: a listener may dispose itself (or another) while we iterate.
    const errors: unknown[] = [];
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        // One faulty listener must not starve the others: call them all, then report.
        errors.push(error);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, 'several event listeners failed');
  }

  get size(): number {
    return this.listeners.size;
  }

  dispose(): void {
    this.listeners.clear();
  }
}
