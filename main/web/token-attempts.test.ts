import { describe, expect, it } from 'vitest';
import { TokenAttempts, type AttemptPolicy } from './token-attempts.ts';

const POLICY: AttemptPolicy = { maxFailures: 3, windowMs: 60_000, coolDownMs: 30_000, maxClients: 4 };

function withClock(policy = POLICY) {
  const clock = { now: 1_000_000 };
  return { clock, attempts: new TokenAttempts(policy, () => clock.now) };
}

describe('TokenAttempts', () => {
  it('cools a client down after too many wrong tokens in a window, then lets it in again', () => {
    const { clock, attempts } = withClock();
    attempts.recordFailure('192.0.2.7');
    attempts.recordFailure('192.0.2.7');
    expect(attempts.waitFor('192.0.2.7')).toBe(0);
    attempts.recordFailure('192.0.2.7');
    expect(attempts.waitFor('192.0.2.7')).toBe(30_000);
    clock.now += 29_999;
    expect(attempts.waitFor('192.0.2.7')).toBe(1);
    clock.now += 1;
    expect(attempts.waitFor('192.0.2.7')).toBe(0);
    // A fresh start: one more wrong token does not lock it again.
    attempts.recordFailure('192.0.2.7');
    expect(attempts.waitFor('192.0.2.7')).toBe(0);
  });

  it('forgets failures older than the window', () => {
    const { clock, attempts } = withClock();
    attempts.recordFailure('192.0.2.7');
    attempts.recordFailure('192.0.2.7');
    clock.now += 60_000;
    attempts.recordFailure('192.0.2.7');
    attempts.recordFailure('192.0.2.7');
    expect(attempts.waitFor('192.0.2.7')).toBe(0);
    attempts.recordFailure('192.0.2.7');
    expect(attempts.waitFor('192.0.2.7')).toBe(30_000);
  });

  it('counts clients apart, an IPv6 /64 as one client, and IPv4-mapped addresses as IPv4', () => {
    const { attempts } = withClock();
    for (const address of ['2001:db8:1:2::1', '2001:db8:1:2::2', '2001:db8:1:2:ffff::9']) attempts.recordFailure(address);
    expect(attempts.waitFor('2001:db8:1:2::abcd')).toBe(30_000);
    expect(attempts.waitFor('2001:db8:1:3::1')).toBe(0);
    for (const address of ['192.0.2.7', '::ffff:192.0.2.7', '192.0.2.7']) attempts.recordFailure(address);
    expect(attempts.waitFor('::ffff:192.0.2.7')).toBe(30_000);
    expect(attempts.waitFor('192.0.2.8')).toBe(0);
  });

  it('remembers at most maxClients clients, however many addresses guess', () => {
    const { attempts } = withClock();
    for (let failure = 0; failure < 3; failure++) attempts.recordFailure('192.0.2.1');
    for (let index = 0; index < 1000; index++) {
      attempts.recordFailure(`10.0.${index >> 8}.${index & 255}`);
      expect(attempts.size).toBeLessThanOrEqual(POLICY.maxClients);
    }
    // Pushed out by many addresses: the bound on memory is worth more than this record.
    expect(attempts.waitFor('192.0.2.1')).toBe(0);
  });

  it('when full, drops records that are over before the least recent one', () => {
    const { clock, attempts } = withClock({ ...POLICY, coolDownMs: 120_000 });
    for (let failure = 0; failure < 3; failure++) attempts.recordFailure('192.0.2.1');
    clock.now += 1;
    attempts.recordFailure('10.0.0.1');
    clock.now += 60_000;
    attempts.recordFailure('10.0.0.2');
    attempts.recordFailure('10.0.0.3');
    expect(attempts.size).toBe(4);
    // 10.0.0.1's window is over: it goes, not 192.0.2.1, which failed longest ago but is cooling down.
    attempts.recordFailure('10.0.0.4');
    expect(attempts.size).toBe(4);
    expect(attempts.waitFor('192.0.2.1')).toBe(120_000 - 60_001);
  });

  it('forgets a client whose window is over when it next asks', () => {
    const { clock, attempts } = withClock();
    attempts.recordFailure('192.0.2.7');
    expect(attempts.size).toBe(1);
    clock.now += 60_000;
    expect(attempts.waitFor('192.0.2.7')).toBe(0);
    expect(attempts.size).toBe(0);
  });
});
