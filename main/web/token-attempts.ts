// Limits guessing of the web host's token. A client (the socket's remote address: never a header
// such as X-Forwarded-For, which the client writes itself) that sends too many wrong tokens within
// a window is refused with 429 for a cool-down, whatever it sends, the right token included: were
// the right one let through, a guesser would learn from the answer and go on at full speed. The
// cool-down ends on its own, so the token holder is never locked out for longer than it; the
// price is that a process on the same address (on 127.0.0.1, any local one) that keeps guessing
// keeps it locked. The token has 192 random bits, so the limit is a second line, not the first.
//
// Memory is bounded: at most `maxClients` records; when full, records whose window and cool-down
// are over go first, then the one that failed longest ago. A guesser with more than `maxClients`
// addresses (IPv6 counts per /64) can push its own records out, and no more than that.
import { clientKey } from './ip-address.ts';

export interface AttemptPolicy {
  /** Wrong tokens allowed within one window; the next one starts the cool-down. */
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly coolDownMs: number;
  /** Clients remembered at once. */
  readonly maxClients: number;
}

export const DEFAULT_ATTEMPT_POLICY: AttemptPolicy = { maxFailures: 20, windowMs: 60_000, coolDownMs: 60_000, maxClients: 1024 };

interface ClientRecord {
  windowStart: number;
  failures: number;
  blockedUntil: number;
}

export class TokenAttempts {
  private readonly policy: AttemptPolicy;
  private readonly now: () => number;
  /** In order of last failure, oldest first (a record is moved to the end when it fails again). */
  private readonly clients = new Map<string, ClientRecord>();

  constructor(policy: AttemptPolicy = DEFAULT_ATTEMPT_POLICY, now: () => number = Date.now) {
    this.policy = policy;
    this.now = now;
  }

  /** Milliseconds before a token from `remoteAddress` is looked at again; 0 when it may be now. */
  waitFor(remoteAddress: string | undefined): number {
    const key = clientKey(remoteAddress);
    const record = this.clients.get(key);
    if (record === undefined) return 0;
    const now = this.now();
    if (record.blockedUntil > now) return record.blockedUntil - now;
    if (this.isOver(record, now)) this.clients.delete(key);
    return 0;
  }

  /** Counts a wrong token from `remoteAddress`. */
  recordFailure(remoteAddress: string | undefined): void {
    const key = clientKey(remoteAddress);
    const now = this.now();
    const known = this.clients.get(key);
    const record = known === undefined || this.isOver(known, now) ? { windowStart: now, failures: 0, blockedUntil: 0 } : known;
    this.clients.delete(key);
    if (this.clients.size >= this.policy.maxClients) this.makeRoom(now);
    record.failures++;
    if (record.failures >= this.policy.maxFailures) {
      record.blockedUntil = now + this.policy.coolDownMs;
      // After the cool-down the client starts afresh: one more wrong token does not lock it again.
      record.windowStart = record.blockedUntil;
      record.failures = 0;
    }
    this.clients.set(key, record);
  }

  /** How many clients are remembered (for tests of the bound). */
  get size(): number {
    return this.clients.size;
  }

  private isOver(record: ClientRecord, now: number): boolean {
    return record.blockedUntil <= now && now - record.windowStart >= this.policy.windowMs;
  }

  private makeRoom(now: number): void {
    for (const [key, record] of this.clients) if (this.isOver(record, now)) this.clients.delete(key);
    while (this.clients.size >= this.policy.maxClients) {
      const oldest = this.clients.keys().next();
      if (oldest.done) return;
      this.clients.delete(oldest.value);
    }
  }
}
