import { describe, expect, it } from 'vitest';
import { isResourceId } from './ids.js';

describe('isResourceId', () => {
  it('takes live ids with colons, as $find and booked appointments carry them (spec §13.1, §13.28)', () => {
    expect(isResourceId('001-2026-06-15T09:30:00-B9-E3-R1')).toBe(true);
    expect(isResourceId('hs-stockholm-city')).toBe(true);
    expect(isResourceId('5d0c2a7e-1b3f-4e52-9a61-0c7d8e9f1a23')).toBe(true);
    expect(isResourceId('a'.repeat(128))).toBe(true);
  });

  it('refuses what could leave a path segment or smuggle a query', () => {
    for (const bad of ['', '../x', '.hidden', 'a/b', 'a b', 'a?b', 'a#b', 'a%2Fb', '-lead', 'a'.repeat(129), 'å', 42, undefined]) {
      expect(isResourceId(bad), String(bad)).toBe(false);
    }
  });
});
