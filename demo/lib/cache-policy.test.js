import { describe, expect, it } from 'vitest';
import { IMMUTABLE, SHORT, isHashedName, widgetCacheControl } from './cache-policy.js';

describe('widget cache policy', () => {
  it('caches a bundler-hashed chunk and its map for a year', () => {
    for (const name of ['itb-time-step-BGbFvTiT.js', 'itb-review-step-Bw4vrae3.js', 'chunk.a1b2c3d4.js', 'itb-time-step-BGbFvTiT.js.map']) {
      expect(isHashedName(name), name).toBe(true);
      expect(widgetCacheControl(name), name).toBe(IMMUTABLE);
    }
  });

  it('keeps unversioned names briefly, words with no digit or capital included', () => {
    for (const name of ['itb-booking.js', 'itb-booking.iife.js', 'itb-booking.js.map', 'itb-practitioner-step.js', 'itb-confirmation.js', 'custom-elements.json']) {
      expect(isHashedName(name), name).toBe(false);
      expect(widgetCacheControl(name), name).toBe(SHORT);
    }
  });
});
