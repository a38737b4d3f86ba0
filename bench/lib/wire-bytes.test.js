import { describe, expect, it } from 'vitest';
import { bytesUntil, median, monotonicOf } from './wire-bytes.js';

describe('wire byte counting', () => {
  it('places a page mark on the CDP clock through the document request', () => {
    const anchor = { timestamp: 5000.25, wallTime: 1_700_000_000.5 };
    expect(monotonicOf(1_700_000_001_750, anchor)).toBeCloseTo(5001.5, 6);
  });

  it('counts only responses that had arrived by the mark, by resource type', () => {
    const finished = [
      { url: '/en/', type: 'Document', timestamp: 10.1, encodedDataLength: 1500 },
      { url: '/widget/itb-booking.js', type: 'Script', timestamp: 10.6, encodedDataLength: 38_000 },
      { url: '/booking-api/fhir/$get-offers-context', type: 'Fetch', timestamp: 11.0, encodedDataLength: 8000 },
      { url: '/widget/itb-time-step-BGbFvTiT.js', type: 'Script', timestamp: 11.2, encodedDataLength: 5000 },
    ];
    expect(bytesUntil(finished, 11.0)).toEqual({ bytes: 47_500, requests: 3, byType: { Document: 1500, Script: 38_000, Fetch: 8000 } });
    expect(bytesUntil(finished, 10.0)).toEqual({ bytes: 0, requests: 0, byType: {} });
  });

  it('takes the middle run', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });
});
