// IP address literals as the web host needs them: what kind of address it listens on, how that
// address appears in a URL's host (so in the Host and Origin headers browsers send), and which
// client a remote address belongs to (for counting wrong tokens).
import { isIP } from 'node:net';

export type AddressKind = 'loopback' | 'unspecified' | 'network';

/**
 * The kind of an IP address literal, or undefined for anything else (a name, a zone suffix, a
 * typo): the web host listens on addresses only, so what "localhost" means is never a question.
 *
 * @example addressKind('127.0.0.2') // 'loopback'; addressKind('::') // 'unspecified'
 */
export function addressKind(address: string): AddressKind | undefined {
  const version = isIP(address);
  if (version === 4) {
    if (address.startsWith('127.')) return 'loopback';
    return address === '0.0.0.0' ? 'unspecified' : 'network';
  }
  if (version !== 6) return undefined;
  const groups = ipv6Groups(address);
  const mapped = ipv4Mapped(groups);
  if (mapped !== undefined) return addressKind(mapped);
  const zeroThroughSeven = groups.slice(0, 7).every((group) => group === 0);
  if (zeroThroughSeven && groups[7] === 1) return 'loopback';
  if (zeroThroughSeven && groups[7] === 0) return 'unspecified';
  return 'network';
}

/**
 * An address as a URL's host: IPv6 in brackets and in the canonical short form the WHATWG URL
 * parser (so every browser) writes into Host and Origin, e.g. `0:0::1` → `[::1]`.
 */
export function urlHost(address: string): string {
  return new URL(`http://${isIP(address) === 6 ? `[${address}]` : address}/`).hostname;
}

/**
 * Which client a socket's remote address counts as: an IPv4 address itself (IPv4-mapped IPv6
 * included), or the /64 network of an IPv6 address, since one host is usually given a whole /64
 * and could otherwise pose as billions of clients.
 */
export function clientKey(remoteAddress: string | undefined): string {
  if (remoteAddress === undefined) return 'unknown';
  const version = isIP(remoteAddress);
  if (version === 4) return remoteAddress;
  if (version !== 6) return 'unknown';
  const groups = ipv6Groups(remoteAddress);
  const mapped = ipv4Mapped(groups);
  if (mapped !== undefined) return mapped;
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 literal (`::` expanded, a dotted IPv4 tail converted). */
function ipv6Groups(address: string): number[] {
  const withoutZone = address.split('%')[0]!;
  const [head = '', tail] = withoutZone.split('::');
  const parse = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((piece) => {
          if (!piece.includes('.')) return [parseInt(piece, 16)];
          const [a = 0, b = 0, c = 0, d = 0] = piece.split('.').map(Number);
          return [(a << 8) | b, (c << 8) | d];
        });
  const first = parse(head);
  if (tail === undefined) return first;
  const last = parse(tail);
  return [...first, ...new Array<number>(8 - first.length - last.length).fill(0), ...last];
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`), if it is one. */
function ipv4Mapped(groups: readonly number[]): string | undefined {
  if (!groups.slice(0, 5).every((group) => group === 0) || groups[5] !== 0xffff) return undefined;
  const [high = 0, low = 0] = groups.slice(6);
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}
