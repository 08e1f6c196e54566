// GRIDGUARD_TRUST_PROXY: off, a hop count, or a list of proxy addresses/CIDRs; anything else
// stops the start with the variable named, rather than quietly trusting every header.
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

const trustOf = (value?: string) => loadConfig(value === undefined ? {} : { GRIDGUARD_TRUST_PROXY: value }).trustProxy;

describe('GRIDGUARD_TRUST_PROXY', () => {
  it('is off unless set, and off or 0 trusts no proxy', () => {
    expect(trustOf()).toBe(false);
    expect(trustOf('off')).toBe(false);
    expect(trustOf('0')).toBe(false);
  });

  it('takes a hop count', () => {
    expect(trustOf('1')).toBe(1);
    expect(trustOf(' 2 ')).toBe(2);
  });

  it('takes a comma list of addresses, CIDRs and the named ranges', () => {
    expect(trustOf('10.0.0.0/8, 192.168.1.10 ,::1,fd00::/8, loopback')).toEqual(['10.0.0.0/8', '192.168.1.10', '::1', 'fd00::/8', 'loopback']);
  });

  it('refuses anything else, naming the variable and what it did not understand', () => {
    expect(() => trustOf('on')).toThrow(/GRIDGUARD_TRUST_PROXY: expected off, a hop count or a comma list of addresses\/CIDRs; not understood: on/);
    expect(() => trustOf('true')).toThrow(/not understood: true/);
    expect(() => trustOf('10.0.0.0/33, 10.0.0.1')).toThrow(/not understood: 10\.0\.0\.0\/33$/m);
    expect(() => trustOf('nginx.local')).toThrow(/not understood: nginx\.local/);
    expect(() => trustOf(',')).toThrow(/GRIDGUARD_TRUST_PROXY/);
  });
});
