/**
 * Bookable times: a practitioner's working hours (with lunch), minus the "other patients"
 * bookings that a seeded PRNG places on every working day, minus the sandbox's stored bookings,
 * from now up to a 30-day horizon in the clinic's local time. Pure apart from a memo of the
 * deterministic busy blocks.
 * @module
 */
import type { SeedClinic, SeedPractitioner } from '../seed/types.js';
import { addDays, localDayOf, localInstant, localLabel, minutesOf, type LocalDay } from './local-time.js';
import { createPrng, hashString } from './prng.js';

/** Half-open interval of epoch milliseconds. */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

/** One bookable time. */
export interface Slot extends Interval {
  /** The slot id as the PMS writes it, e.g. `001-2026-09-15T10:00:00-B3301-E8812-R1`. */
  readonly slotId: string;
}

export interface SlotQuery {
  readonly clinic: SeedClinic;
  readonly practitioner: SeedPractitioner;
  readonly durationMinutes: number;
  /** Search window (start must fall inside it), epoch ms. */
  readonly from: number;
  readonly to: number;
  readonly now: number;
  /** Times already taken in the sandbox's store for this practitioner role. */
  readonly taken: readonly Interval[];
}

/** Days ahead of today (clinic local date) that have times. */
export const HORIZON_DAYS = 30;
const MINUTE = 60_000;
/** Share of each working day that other patients have booked. */
const OCCUPANCY = 0.35;

/** Start times sit on a grid: every 15 minutes for short treatments, 30 otherwise. */
export function gridMinutes(durationMinutes: number): number {
  return durationMinutes >= 30 ? 30 : 15;
}

function overlaps(start: number, end: number, intervals: readonly Interval[]): boolean {
  for (const interval of intervals) {
    if (start < interval.end && interval.start < end) return true;
  }
  return false;
}

export interface SlotEngine {
  /** Every free time in the window, sorted by start. */
  findSlots(query: SlotQuery): Slot[];
  /** The free time starting exactly at `start`, if there is one. */
  slotAt(query: Omit<SlotQuery, 'from' | 'to'>, start: number): Slot | undefined;
  /** The slot id the PMS gives a time starting at `start` (whether free or not). */
  slotIdOf(clinic: SeedClinic, practitioner: SeedPractitioner, start: number): string;
}

export function createSlotEngine(): SlotEngine {
  const busyMemo = new Map<string, Interval[]>();

  /** Other patients' bookings on one working day: deterministic per role and date. */
  function busyBlocks(practitioner: SeedPractitioner, day: LocalDay, timeZone: string): Interval[] {
    const key = `${practitioner.roleId}|${day.key}`;
    let blocks = busyMemo.get(key);
    if (blocks === undefined) {
      blocks = [];
      const random = createPrng(hashString(key));
      const open = minutesOf(practitioner.start);
      const close = minutesOf(practitioner.end);
      for (let minute = open; minute < close;) {
        const length = 30 * (1 + Math.floor(random() * 3));
        if (random() < OCCUPANCY / 2) {
          blocks.push({ start: localInstant(day, minute, timeZone), end: localInstant(day, Math.min(minute + length, close), timeZone) });
        }
        minute += length;
      }
      if (busyMemo.size > 50_000) busyMemo.clear();
      busyMemo.set(key, blocks);
    }
    return blocks;
  }

  function slotIdOn(clinic: SeedClinic, practitioner: SeedPractitioner, day: LocalDay, start: number): string {
    return `${clinic.number}-${localLabel(day, start, clinic.timeZone)}-B${clinic.billing.key}-E${practitioner.sourceKey}-R${practitioner.chair}`;
  }

  function slotIdOf(clinic: SeedClinic, practitioner: SeedPractitioner, start: number): string {
    return slotIdOn(clinic, practitioner, localDayOf(start, clinic.timeZone), start);
  }

  function findSlots(query: SlotQuery): Slot[] {
    const { clinic, practitioner, durationMinutes, now } = query;
    const zone = clinic.timeZone;
    const today = localDayOf(now, zone);
    const first = localDayOf(Math.max(query.from, now), zone);
    const duration = durationMinutes * MINUTE;
    const step = gridMinutes(durationMinutes);
    const periods = [
      [minutesOf(practitioner.start), minutesOf(practitioner.lunch[0])],
      [minutesOf(practitioner.lunch[1]), minutesOf(practitioner.end)],
    ] as const;
    const slots: Slot[] = [];
    let offset = Math.round((Date.UTC(first.year, first.month - 1, first.day) - Date.UTC(today.year, today.month - 1, today.day)) / 86_400_000);
    for (let day = addDays(today, offset); offset <= HORIZON_DAYS; offset += 1, day = addDays(today, offset)) {
      if (localInstant(day, 0, zone) >= query.to) break;
      if (!practitioner.days.includes(day.weekday)) continue;
      const busy = busyBlocks(practitioner, day, zone);
      for (const [open, close] of periods) {
        for (let minute = open; minute + durationMinutes <= close; minute += step) {
          const start = localInstant(day, minute, zone);
          const end = start + duration;
          if (start <= now || start < query.from || start >= query.to) continue;
          if (overlaps(start, end, busy) || overlaps(start, end, query.taken)) continue;
          slots.push({ start, end, slotId: slotIdOn(clinic, practitioner, day, start) });
        }
      }
    }
    return slots;
  }

  return {
    findSlots,
    slotAt(query, start) {
      return findSlots({ ...query, from: start, to: start + 1 }).find((slot) => slot.start === start);
    },
    slotIdOf,
  };
}
