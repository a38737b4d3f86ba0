import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTimeZone, isoWithOffset, localDate, localParts, offsetMinutes, zonedInstant } from './zoned.js';

describe('zoned time', () => {
  it('reads wall-clock fields and offsets across DST in Stockholm', () => {
    expect(offsetMinutes(Date.parse('2026-01-15T12:00:00Z'), 'Europe/Stockholm')).toBe(60);
    expect(offsetMinutes(Date.parse('2026-07-15T12:00:00Z'), 'Europe/Stockholm')).toBe(120);
    expect(localParts(Date.parse('2026-03-29T00:59:59Z'), 'Europe/Stockholm')).toMatchObject({ hour: 1, minute: 59 });
    expect(localParts(Date.parse('2026-03-29T01:00:00Z'), 'Europe/Stockholm')).toMatchObject({ hour: 3, minute: 0 });
    expect(localDate(Date.parse('2026-06-14T22:30:00Z'), 'Europe/Oslo')).toBe('2026-06-15');
  });

  it('resolves local midnights and DST gaps and repeats', () => {
    expect(zonedInstant(2026, 3, 30, 0, 0, 'Europe/Stockholm')).toBe(Date.parse('2026-03-29T22:00:00Z'));
    expect(zonedInstant(2026, 3, 23, 0, 0, 'Europe/Stockholm')).toBe(Date.parse('2026-03-22T23:00:00Z'));
    // 02:30 does not exist on 29 March: moved forward by the gap to 03:30 (01:30Z).
    expect(zonedInstant(2026, 3, 29, 2, 30, 'Europe/Stockholm')).toBe(Date.parse('2026-03-29T01:30:00Z'));
    // 02:30 happens twice on 25 October: the first one (00:30Z).
    expect(zonedInstant(2026, 10, 25, 2, 30, 'Europe/Stockholm')).toBe(Date.parse('2026-10-25T00:30:00Z'));
    expect(zonedInstant(2026, 1, 1, 0, 0, 'America/New_York')).toBe(Date.parse('2026-01-01T05:00:00Z'));
  });

  it('prints ISO with the local offset', () => {
    expect(isoWithOffset(Date.parse('2026-03-29T22:00:00Z'), 'Europe/Stockholm')).toBe('2026-03-30T00:00:00+02:00');
    expect(isoWithOffset(Date.parse('2026-01-01T05:00:00Z'), 'America/New_York')).toBe('2026-01-01T00:00:00-05:00');
    expect(isoWithOffset(Date.parse('2026-01-01T05:00:00Z'), 'Asia/Kolkata')).toBe('2026-01-01T10:30:00+05:30');
  });

  it('round-trips any instant through its local wall time', () => {
    const zones = fc.constantFrom('Europe/Stockholm', 'Europe/Oslo', 'Europe/Helsinki', 'America/New_York', 'Australia/Lord_Howe', 'UTC');
    fc.assert(fc.property(fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2040-01-01T00:00:00Z') }), zones, (ms, zone) => {
      const instant = Math.floor(ms / 60_000) * 60_000;
      const p = localParts(instant, zone);
      const back = zonedInstant(p.year, p.month, p.day, p.hour, p.minute, zone);
      // The repeated hour maps back to its first occurrence; otherwise exactly.
      expect(back <= instant).toBe(true);
      expect(localParts(back, zone)).toEqual(p);
      expect(Date.parse(isoWithOffset(instant, zone))).toBe(instant);
    }));
  });

  it('knows which time zones exist', () => {
    expect(isTimeZone('Europe/Oslo')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
