import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../seed/catalog.js';
import type { SeedClinic, SeedPractitioner } from '../seed/types.js';
import { createSlotEngine, HORIZON_DAYS } from './slot-engine.js';

const catalog = buildCatalog();
const role = (id: string) => catalog.practitioner(id) as SeedPractitioner;
const clinicOf = (p: SeedPractitioner) => catalog.clinic(p.clinicId) as SeedClinic;
const DAY = 86_400_000;

function localTime(instant: number, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
}

describe('slot engine', () => {
  const anna = role('pr-anna-berg-sto');
  const clinic = clinicOf(anna);
  const monday = Date.parse('2026-09-14T04:00:00Z');

  it('lists only working days, inside working hours, never across lunch, on the grid, with the treatment length', () => {
    const engine = createSlotEngine();
    const slots = engine.findSlots({ clinic, practitioner: anna, durationMinutes: 60, from: monday, to: monday + 7 * DAY, now: monday, taken: [] });
    expect(slots.length).toBeGreaterThan(5);
    for (const slot of slots) {
      const weekday = new Date(slot.start + 2 * 3_600_000).getUTCDay();
      expect([1, 3, 5]).toContain(weekday);
      expect(slot.end - slot.start).toBe(60 * 60_000);
      const start = localTime(slot.start, clinic.timeZone);
      const end = localTime(slot.end, clinic.timeZone);
      expect(start >= '08:00' && end <= '17:00').toBe(true);
      expect(end <= '12:00' || start >= '13:00').toBe(true);
      expect(['00', '30']).toContain(start.slice(3));
    }
  });

  it('is deterministic and leaves realistic gaps (other patients) on a working day', () => {
    const query = { clinic, practitioner: anna, durationMinutes: 30, from: monday, to: monday + DAY, now: monday, taken: [] };
    const first = createSlotEngine().findSlots(query);
    const second = createSlotEngine().findSlots(query);
    expect(second).toEqual(first);
    // 08:00–12:00 and 13:00–17:00 hold 16 half-hour starts; some are booked by others.
    expect(first.length).toBeGreaterThan(0);
    const allDays = createSlotEngine().findSlots({ ...query, to: monday + 28 * DAY });
    const perDay = allDays.length / 12;
    expect(perDay).toBeLessThan(15);
    expect(perDay).toBeGreaterThan(4);
  });

  it('writes slot ids with colons, clinic number, local time, billing, practitioner key and chair', () => {
    const [slot] = createSlotEngine().findSlots({ clinic, practitioner: anna, durationMinutes: 30, from: monday, to: monday + DAY, now: monday, taken: [] });
    expect(slot?.slotId).toMatch(/^001-2026-09-14T\d{2}:\d{2}:00-B3301-E8812-R1$/);
    expect(slot?.slotId.slice(15, 20)).toBe(localTime(slot?.start ?? 0, clinic.timeZone));
  });

  it('skips times that are taken and times that have begun', () => {
    const engine = createSlotEngine();
    const base = { clinic, practitioner: anna, durationMinutes: 30, from: monday, to: monday + DAY, now: monday, taken: [] };
    const all = engine.findSlots(base);
    const victim = all[1];
    if (victim === undefined) throw new Error('no slots');
    const without = engine.findSlots({ ...base, taken: [{ start: victim.start + 10 * 60_000, end: victim.start + 20 * 60_000 }] });
    expect(without.map((s) => s.start)).not.toContain(victim.start);
    const later = engine.findSlots({ ...base, now: victim.start });
    expect(later.every((s) => s.start > victim.start)).toBe(true);
  });

  it('stops at the horizon and the window end', () => {
    const engine = createSlotEngine();
    const slots = engine.findSlots({ clinic, practitioner: anna, durationMinutes: 30, from: monday, to: monday + 60 * DAY, now: monday, taken: [] });
    const last = slots.at(-1)?.start ?? 0;
    expect(last).toBeLessThan(monday + (HORIZON_DAYS + 1) * DAY);
    expect(last).toBeGreaterThan(monday + (HORIZON_DAYS - 4) * DAY);
    expect(engine.findSlots({ clinic, practitioner: anna, durationMinutes: 30, from: monday + 40 * DAY, to: monday + 45 * DAY, now: monday, taken: [] })).toEqual([]);
  });

  it('keeps local working hours across the DST switches (Stockholm and Oslo)', () => {
    const engine = createSlotEngine();
    const sara = role('pr-sara-nilsson-sod');
    const jonas = role('pr-jonas-haugen-maj');
    // 2026-03-29 (spring forward) and 2026-10-25 (fall back) are Sundays: check the weeks around them.
    for (const [practitioner, now] of [[sara, Date.parse('2026-03-26T00:00:00Z')], [jonas, Date.parse('2026-10-22T00:00:00Z')]] as const) {
      const c = clinicOf(practitioner);
      const slots = engine.findSlots({ clinic: c, practitioner, durationMinutes: 30, from: now, to: now + 8 * DAY, now, taken: [] });
      const before = slots.filter((s) => s.start < now + 3 * DAY);
      const after = slots.filter((s) => s.start > now + 4 * DAY);
      expect(before.length).toBeGreaterThan(0);
      expect(after.length).toBeGreaterThan(0);
      for (const slot of slots) {
        const start = localTime(slot.start, c.timeZone);
        expect(start >= practitioner.start).toBe(true);
        expect(localTime(slot.end, c.timeZone) <= practitioner.end).toBe(true);
        expect(slot.slotId).toContain(`T${start}:00`);
      }
    }
  });

  it('answers one practitioner-week well under 5 ms', () => {
    const engine = createSlotEngine();
    const query = { clinic, practitioner: anna, durationMinutes: 45, from: monday, to: monday + 7 * DAY, now: monday, taken: [{ start: monday + DAY, end: monday + DAY + 3_600_000 }] };
    engine.findSlots(query);
    const runs = 200;
    const started = performance.now();
    for (let i = 0; i < runs; i += 1) engine.findSlots({ ...query, from: query.from + (i % 5) * 60_000 });
    expect((performance.now() - started) / runs).toBeLessThan(2);
  });
});
