import { describe, expect, it } from 'vitest';
import { IMMUTABLE, SHORT, isHashedName, isVersionedName, widgetCacheControl } from './cache-policy.js';

describe('widget cache policy', () => {
  it('caches a bundler-hashed chunk and its map for a year', () => {
    for (const name of ['itb-time-step-BGbFvTiT.js', 'itb-review-step-Bw4vrae3.js', 'chunk.a1b2c3d4.js', 'itb-time-step-BGbFvTiT.js.map']) {
      expect(isHashedName(name), name).toBe(true);
      expect(widgetCacheControl(name), name).toBe(IMMUTABLE);
    }
  });

  it('caches a release\'s pinned files for a year: the version in the name never changes', () => {
    for (const name of ['itb-booking-0.1.0.js', 'itb-booking-0.1.0.iife.js', 'itb-booking-12.3.45.js.map', 'itb-booking-1.2.0-rc.1.js', 'itb-booking-1.2.0-rc.1.iife.js']) {
      expect(isVersionedName(name), name).toBe(true);
      expect(widgetCacheControl(name), name).toBe(IMMUTABLE);
    }
  });

  it('keeps lookalikes of a pinned file briefly', () => {
    for (const name of ['itb-booking-latest.js', 'itb-booking-1.2.js', 'itb-booking-1.2.0.mjs', 'other-1.2.0.js', 'itb-booking-1.2.0-.js', 'itb-booking-1.2.0.js.gz.js']) {
      expect(isVersionedName(name), name).toBe(false);
      expect(widgetCacheControl(name), name).toBe(SHORT);
    }
  });

  it('keeps unversioned names briefly, words with no digit or capital included', () => {
    for (const name of ['itb-booking.js', 'itb-booking.iife.js', 'itb-booking.js.map', 'itb-practitioner-step.js', 'itb-confirmation.js', 'custom-elements.json']) {
      expect(isHashedName(name), name).toBe(false);
      expect(widgetCacheControl(name), name).toBe(SHORT);
    }
  });
});
