import { describe, expect, it } from 'vitest';
import { partOf, partsOfDay } from './parts-of-day.js';

describe('parts of the day', () => {
  it('morning before 12:00, afternoon 12–17, evening from 17:00', () => {
    expect([0, 11, 12, 16, 17, 23].map(partOf)).toEqual(['morning', 'morning', 'afternoon', 'afternoon', 'evening', 'evening']);
  });

  it('groups by the clinic\'s clock, not UTC, and leaves out empty parts', () => {
    // 10:30Z is 12:30 in Stockholm in summer: afternoon there, morning in UTC.
    const times = [{ start: '2026-06-09T07:00:00Z' }, { start: '2026-06-09T10:30:00Z' }, { start: '2026-06-09T13:45:00+02:00' }];
    expect(partsOfDay(times, 'Europe/Stockholm')).toEqual([
      { part: 'morning', items: [times[0]] },
      { part: 'afternoon', items: [times[1], times[2]] },
    ]);
    expect(partsOfDay(times, 'UTC').map((p) => p.part)).toEqual(['morning']);
    expect(partsOfDay([{ start: '2026-12-08T17:00:00+01:00' }], 'Europe/Oslo')).toEqual([
      { part: 'evening', items: [{ start: '2026-12-08T17:00:00+01:00' }] },
    ]);
    expect(partsOfDay([], 'Europe/Oslo')).toEqual([]);
  });
});
