// Which Host header values the web host answers (its defence against DNS rebinding): the loopback
// names, and the address it listens on written as an IP literal. A rebinding attack needs a name
// the attacker controls (evil.example resolving to us), so names other than "localhost" are never
// accepted; an IP literal in Host can only come from a browser that connected to that address.
import os from 'node:os';
import { addressKind, urlHost } from './ip-address.ts';

export const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'] as const;

export interface HostPolicyOptions {
  /** The IP address the server listens on. */
  readonly address: string;
  readonly port: number;
  /**
   * This machine's addresses, asked when listening on all of them (0.0.0.0 or ::) and a Host is
   * not one of the fixed ones: interfaces come and go while the server runs.
   */
  readonly machineAddresses?: () => readonly string[];
}

/**
 * A predicate over Host header values (`name:port`, lower-cased by the caller); Origin headers are
 * checked against the same set.
 *
 * @example hostPolicy({ address: '192.0.2.7', port: 4312 })('192.0.2.7:4312') // true
 */
export function hostPolicy({ address, port, machineAddresses = interfaceAddresses }: HostPolicyOptions): (host: string) => boolean {
  const kind = addressKind(address);
  if (kind === undefined) throw new Error(`The web host listens on an IP address, not "${address}"`);
  // A browser leaves the port out of Host for http's default port.
  const withPort = (name: string) => (port === 80 ? [name, `${name}:80`] : [`${name}:${port}`]);
  const fixed = new Set([...LOOPBACK_NAMES, ...(kind === 'unspecified' ? [] : [urlHost(address)])].flatMap(withPort));
  if (kind !== 'unspecified') return (host) => fixed.has(host);
  // Listening on 0.0.0.0 takes IPv4 connections only; :: takes both (dual stack).
  const ipv4Only = address.includes('.');
  return (host) =>
    fixed.has(host) ||
    machineAddresses()
      // A zone suffix (fe80::1%eth0) never appears in a URL, so never in Host.
      .filter((candidate) => !candidate.includes('%') && (!ipv4Only || !candidate.includes(':')))
      .some((candidate) => withPort(urlHost(candidate)).includes(host));
}

function interfaceAddresses(): string[] {
  return Object.values(os.networkInterfaces()).flatMap((entries) => (entries ?? []).map((entry) => entry.address));
}
