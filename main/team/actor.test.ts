import { describe, expect, it } from 'vitest';
import { currentActor, runAs, type Actor } from './actor.ts';

const ana: Actor = { userId: 'u1', name: 'Ana', role: 'analyst' };
const ben: Actor = { userId: 'u2', name: 'Ben', role: 'reviewer' };

describe('runAs', () => {
  it('is seen across awaits and timers, and two calls at once each see their own actor', async () => {
    const seen = async (actor: Actor) =>
      runAs(actor, async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        await Promise.resolve();
        return currentActor()?.name;
      });
    expect(await Promise.all([seen(ana), seen(ben)])).toEqual(['Ana', 'Ben']);
    expect(currentActor()).toBeUndefined();
  });
});
