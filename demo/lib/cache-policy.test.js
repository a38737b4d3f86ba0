import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IMMUTABLE, SHORT, isHashedName, isVersionedName, widgetCacheControl } from './cache-policy.js';

const HASHED_NAMES = [
  'itb-time-step-BGbFvTiT.js', 'itb-review-step-Bw4vrae3.js', 'chunk.a1b2c3d4.js', 'itb-time-step-BGbFvTiT.js.map',
  // base64url hashes with `-` and `_`, as the build writes them
  'itb-confirmation-step-DFGsbcE-.js', 'itb-practitioner-step-BDCtUiR-.js.map', 'itb-review-step--zH9FNDV.js', 'itb-confirmation-step-CbBzF_ic.js',
];
const VERSIONED_NAMES = ['itb-booking-0.1.0.js', 'itb-booking-0.1.0.iife.js', 'itb-booking-12.3.45.js.map', 'itb-booking-1.2.0-rc.1.js', 'itb-booking-1.2.0-rc.1.iife.js'];
const LOOKALIKE_NAMES = ['itb-booking-latest.js', 'itb-booking-1.2.js', 'itb-booking-1.2.0.mjs', 'other-1.2.0.js', 'itb-booking-1.2.0-.js', 'itb-booking-1.2.0-rc..1.js', 'itb-booking-1.2.0.js.gz.js'];
const UNVERSIONED_NAMES = [
  'itb-booking.js', 'itb-booking.iife.js', 'itb-booking.js.map', 'itb-practitioner-step.js', 'itb-confirmation.js', 'custom-elements.json',
  // words with a digit are no hash: eight characters or more of them, but not the eight before the extension
  'itb-booking-latest-v2.js', 'itb-booking-spring-2026.js',
];

/** The `location ~ "^/widget/(…)$"` pattern of the immutable location in README.md's nginx recipe. */
function readmeImmutableLocation() {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const recipe = /```nginx\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const pattern = /location ~ "(\^\/widget\/[^"]+)" \{[^}]*immutable/.exec(recipe)?.[1];
  if (pattern === undefined) throw new Error('README.md has no nginx location with an immutable Cache-Control');
  // PCRE (nginx) and JavaScript read this subset of regular expressions alike.
  return new RegExp(pattern);
}

describe('widget cache policy', () => {
  it('caches a bundler-hashed chunk and its map for a year', () => {
    for (const name of HASHED_NAMES) {
      expect(isHashedName(name), name).toBe(true);
      expect(widgetCacheControl(name), name).toBe(IMMUTABLE);
    }
  });

  it('caches a release\'s pinned files for a year: the version in the name never changes', () => {
    for (const name of VERSIONED_NAMES) {
      expect(isVersionedName(name), name).toBe(true);
      expect(widgetCacheControl(name), name).toBe(IMMUTABLE);
    }
  });

  it('keeps lookalikes of a pinned file briefly', () => {
    for (const name of LOOKALIKE_NAMES) {
      expect(isVersionedName(name), name).toBe(false);
      expect(widgetCacheControl(name), name).toBe(SHORT);
    }
  });

  it('keeps unversioned names briefly, words with or without a digit included', () => {
    for (const name of UNVERSIONED_NAMES) {
      expect(isHashedName(name), name).toBe(false);
      expect(isVersionedName(name), name).toBe(false);
      expect(widgetCacheControl(name), name).toBe(SHORT);
    }
  });

  it('matches the README\'s nginx recipe: its immutable location takes exactly the names cached for a year', () => {
    const immutable = readmeImmutableLocation();
    for (const name of [...HASHED_NAMES, ...VERSIONED_NAMES]) {
      expect(immutable.test(`/widget/${name}`), name).toBe(true);
    }
    for (const name of [...LOOKALIKE_NAMES, ...UNVERSIONED_NAMES]) {
      expect(immutable.test(`/widget/${name}`), name).toBe(false);
    }
  });
});
