import { describe, expect, it, vi } from 'vitest';
import { Emitter } from './events.ts';

describe('Emitter', () => {
  it('delivers to subscribers until they dispose', () => {
    const emitter = new Emitter<number>();
    const listener = vi.fn();
    const subscription = emitter.event(listener);
    emitter.fire(1);
    subscription.dispose();
    emitter.fire(2);
    expect(listener.mock.calls).toEqual([[1]]);
    expect(emitter.size).toBe(0);
  });

  it('calls every listener even when one throws, then reports the error', () => {
    const emitter = new Emitter<string>();
    const after = vi.fn();
    emitter.event(() => {
      throw new Error('boom');
    });
    emitter.event(after);
    expect(() => emitter.fire('x')).toThrow('boom');
    expect(after).toHaveBeenCalledWith('x');
  });

  it('lets a listener dispose itself while firing', () => {
    const emitter = new Emitter<void>();
    const second = vi.fn();
    const first = emitter.event(() => first.dispose());
    emitter.event(second);
    emitter.fire();
    emitter.fire();
    expect(second).toHaveBeenCalledTimes(2);
  });
});
