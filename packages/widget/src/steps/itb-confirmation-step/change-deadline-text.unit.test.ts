import type { Appointment, BookingRules } from '@itb/shared';
import { describe, expect, it } from 'vitest';
import { en } from '../../locales/en.js';
import { formatDateTime } from '../../locales/format.js';
import { sv } from '../../locales/sv.js';
import { changeLines } from './change-deadline-text.js';

const NOW = new Date('2026-09-10T08:00:00Z');
const HOUR = 3_600_000;
const ZONE = 'Europe/Stockholm';
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR).toISOString();
const booking = (startIn: number, extra: Partial<Appointment> = {}): Appointment =>
  ({ resourceType: 'Appointment', id: 'a', status: 'booked', start: at(startIn), end: at(startIn + 1), participant: [], ...extra });
const lines = (rules: BookingRules, appointment: Appointment, kind: 'create' | 'modify' = 'create', t = en) =>
  changeLines(t, { rules, appointment, kind, zone: ZONE, now: NOW });

describe('changeLines', () => {
  it('says one sentence when cancel and move share a deadline, in the clinic\'s zone and the page\'s language', () => {
    const rules = { allowCancellationRemainingHours: 24, allowRescheduleRemainingHours: 24 };
    expect(lines(rules, booking(72))).toEqual({ lines: [en.confirmation.changeUntil(formatDateTime(en, at(48), ZONE))], needsTheClinic: false });
    expect(lines(rules, booking(72), 'create', sv).lines[0]).toMatch(/^Du kan avboka eller ändra tiden online fram till .+\.$/);
  });

  it('says each deadline when they differ, and the reason (once) when a change is not possible online', () => {
    expect(lines({ allowCancellationRemainingHours: 24, allowRescheduleRemainingHours: 48 }, booking(72)).lines).toEqual([
      en.confirmation.cancelUntil(formatDateTime(en, at(48), ZONE)),
      en.confirmation.rescheduleUntil(formatDateTime(en, at(24), ZONE)),
    ]);
    expect(lines({ reschedulingAllowed: false }, booking(72))).toEqual({
      lines: [en.confirmation.cancelUntil(formatDateTime(en, at(72), ZONE)), en.reasons['rescheduling-not-allowed']], needsTheClinic: true,
    });
  });

  it('grants a moved booking no fresh grace period unless its registration time is known', () => {
    const rules = { allowCancellationRemainingHours: 24, allowCancellationAfterRegistrationHours: 2 };
    expect(lines(rules, booking(10), 'create').lines[0]).toBe(en.confirmation.cancelUntil(formatDateTime(en, at(2), ZONE)));
    expect(lines(rules, booking(10), 'modify').lines[0]).toBe(en.reasons['cancel-window-passed']);
    expect(lines(rules, booking(10, { created: at(-1) }), 'modify').lines[0]).toBe(en.confirmation.cancelUntil(formatDateTime(en, at(1), ZONE)));
  });

  it('says nothing about a time it cannot read', () => {
    expect(lines({}, booking(72, { start: 'soon' }))).toEqual({ lines: [], needsTheClinic: false });
  });
});
