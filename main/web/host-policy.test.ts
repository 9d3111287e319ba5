import { describe, expect, it } from 'vitest';
import { hostPolicy } from './host-policy.ts';

const PORT = 4312;
const machine = () => ['127.0.0.1', '192.0.2.7', '::1', '2001:db8::7', 'fe80::1%eth0'];

describe('hostPolicy', () => {
  it.each([
    // Loopback, the default.
    ['127.0.0.1', '127.0.0.1:4312', true],
    ['127.0.0.1', 'localhost:4312', true],
    ['127.0.0.1', '[::1]:4312', true],
    ['127.0.0.1', '127.0.0.1:4313', false],
    ['127.0.0.1', '127.0.0.1', false],
    ['127.0.0.1', 'localhost.:4312', false],
    ['127.0.0.1', '127.0.0.1.:4312', false],
    ['127.0.0.1', 'evil.example:4312', false],
    ['127.0.0.1', 'localhost.evil.example:4312', false],
    ['127.0.0.1', '[0:0:0:0:0:0:0:1]:4312', false],
    ['127.0.0.1', '127.1:4312', false],
    ['127.0.0.1', '2130706433:4312', false],
    ['127.0.0.1', '192.0.2.7:4312', false],
    ['127.0.0.1', '', false],
    // Another loopback address, and IPv6 loopback: their literal is allowed too.
    ['127.0.0.2', '127.0.0.2:4312', true],
    ['::1', '[::1]:4312', true],
    ['0:0:0:0:0:0:0:1', '[::1]:4312', true],
    // A network address: its literal and the loopback names, never another machine's or a name.
    ['192.0.2.7', '192.0.2.7:4312', true],
    ['192.0.2.7', 'localhost:4312', true],
    ['192.0.2.7', '192.0.2.8:4312', false],
    ['192.0.2.7', 'claimbench.lan:4312', false],
    ['2001:db8::7', '[2001:db8::7]:4312', true],
    // Every interface: this machine's addresses, looked up as they are now.
    ['0.0.0.0', '192.0.2.7:4312', true],
    ['0.0.0.0', '192.0.2.8:4312', false],
    ['0.0.0.0', '[2001:db8::7]:4312', false],
    ['0.0.0.0', 'evil.example:4312', false],
    ['::', '[2001:db8::7]:4312', true],
    ['::', '192.0.2.7:4312', true],
    ['::', '[fe80::1]:4312', false],
    ['::', '0.0.0.0:4312', false],
  ])('listening on %s, Host "%s" is allowed: %s', (address, host, allowed) => {
    expect(hostPolicy({ address, port: PORT, machineAddresses: machine })(host)).toBe(allowed);
  });

  it('takes a Host without a port on port 80, where browsers leave it out', () => {
    const allowed = hostPolicy({ address: '127.0.0.1', port: 80 });
    expect(allowed('127.0.0.1')).toBe(true);
    expect(allowed('localhost:80')).toBe(true);
    expect(allowed('localhost:8080')).toBe(false);
  });

  it('refuses to work with a name in place of an address', () => {
    expect(() => hostPolicy({ address: 'localhost', port: PORT })).toThrow(/IP address/);
  });
});
