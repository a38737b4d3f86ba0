import { describe, expect, it } from 'vitest';
import { createBookingStore, samePerson, type BookingDraft } from './store.js';

const draft = (start: number, roleId = 'pr-a'): BookingDraft => ({
  clinicId: 'hs-x', roleId, treatmentId: 'ad-y', start, end: start + 1_800_000, slotId: `s-${start}`,
  patient: { system: 'urn:oid:1.2.752.129.2.1.3.1', value: '198503149828' }, registeredAt: 0,
});

describe('booking store', () => {
  it('refuses an overlapping booking for the same role and leaves the first untouched', () => {
    const store = createBookingStore();
    const first = store.create(draft(0), 1);
    expect(first.ok).toBe(true);
    expect(store.create(draft(900_000), 2)).toEqual({ ok: false, reason: 'conflict' });
    expect(store.all()).toHaveLength(1);
    expect(store.create(draft(900_000, 'pr-b'), 3).ok).toBe(true);
    expect(store.create(draft(1_800_000), 4).ok).toBe(true);
  });

  it('moves a booking atomically: the old time frees, a clash changes nothing', () => {
    const store = createBookingStore();
    const a = store.create(draft(0), 1);
    const b = store.create(draft(3_600_000), 1);
    if (!a.ok || !b.ok) throw new Error('setup');
    const clash = store.reschedule(a.booking.id, { clinicId: 'hs-x', roleId: 'pr-a', treatmentId: 'ad-y', start: 3_600_000, end: 5_400_000, slotId: 's' }, 2, { countsAsReschedule: true });
    expect(clash).toEqual({ ok: false, reason: 'conflict' });
    expect(store.get(a.booking.id)).toEqual(a.booking);
    // Overlapping its own old time is fine.
    const moved = store.reschedule(a.booking.id, { clinicId: 'hs-x', roleId: 'pr-a', treatmentId: 'ad-y', start: 900_000, end: 2_700_000, slotId: 's2' }, 3, { countsAsReschedule: true });
    expect(moved.ok && moved.booking).toMatchObject({ start: 900_000, versionId: 2, reschedules: 1, lastUpdated: 3 });
    expect(store.takenBy('pr-a')).toEqual(expect.arrayContaining([{ start: 900_000, end: 2_700_000 }]));
  });

  it('frees the time on cancel and keeps the booking as cancelled', () => {
    const store = createBookingStore();
    const a = store.create(draft(0), 1);
    if (!a.ok) throw new Error('setup');
    const cancelled = store.cancel(a.booking.id, 2, { statusReason: 'patient-cancel' });
    expect(cancelled.ok && cancelled.booking.status).toBe('cancelled');
    expect(store.takenBy('pr-a')).toEqual([]);
    expect(store.create(draft(0), 3).ok).toBe(true);
    expect(store.cancel('nope', 4, {})).toEqual({ ok: false, reason: 'not-found' });
  });

  it('treats both Swedish personnummer systems and separators as the same person', () => {
    expect(samePerson({ system: 'http://electronichealth.se/identifier/personnummer', value: '19850314-9828' }, { system: 'urn:oid:1.2.752.129.2.1.3.1', value: '198503149828' })).toBe(true);
    expect(samePerson({ system: 'urn:oid:1.2.752.129.2.1.3.3', value: '198503149828' }, { system: 'urn:oid:1.2.752.129.2.1.3.1', value: '198503149828' })).toBe(false);
  });
});
