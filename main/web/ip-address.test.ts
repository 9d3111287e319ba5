import { describe, expect, it } from 'vitest';
import { addressKind, clientKey, urlHost } from './ip-address.ts';

describe('addressKind', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['0:0::0', 'unspecified'],
    ['192.0.2.7', 'network'],
    ['128.0.0.1', 'network'],
    ['::ffff:192.0.2.7', 'network'],
    ['2001:db8::1', 'network'],
    ['::2', 'network'],
    ['1::1', 'network'],
    ['localhost', undefined],
    ['example.com', undefined],
    ['127.1', undefined],
    ['2130706433', undefined],
    ['', undefined],
    ['[::1]', undefined],
  ] as const)('%s is %s', (address, kind) => {
    expect(addressKind(address)).toBe(kind);
  });
});

describe('urlHost', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['::1', '[::1]'],
    ['0:0:0:0:0:0:0:1', '[::1]'],
    ['2001:DB8:0:0:0:0:0:1', '[2001:db8::1]'],
    ['192.0.2.7', '192.0.2.7'],
  ])('writes %s as %s, as browsers do in Host and Origin', (address, host) => {
    expect(urlHost(address)).toBe(host);
  });
});

describe('clientKey', () => {
  it.each([
    ['192.0.2.7', '192.0.2.7'],
    ['::ffff:192.0.2.7', '192.0.2.7'],
    ['2001:db8:1:2:aaaa::1', '2001:db8:1:2::/64'],
    ['2001:db8:1:2:bbbb:cccc:dddd:eeee', '2001:db8:1:2::/64'],
    ['2001:db8:1:3::1', '2001:db8:1:3::/64'],
    ['::1', '0:0:0:0::/64'],
    [undefined, 'unknown'],
    ['not an address', 'unknown'],
  ])('counts %s as %s', (address, key) => {
    expect(clientKey(address)).toBe(key);
  });
});
