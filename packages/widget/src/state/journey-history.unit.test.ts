import { describe, expect, it } from 'vitest';
import type { BookingSnapshot } from './booking-state.js';
import { CLINIC, ELIN, HYGIENE, catalog, freeTime, testStore } from './flows.test-support.js';
import { JourneyHistory, canShare, entryOf, popTarget, readEntry, withEntry, type HistoryPort } from './journey-history.js';

/** A window.history double: a list of entries and a cursor, as the browser keeps them. */
function fakeHistory(initial: unknown = null): HistoryPort & { entries: unknown[]; index: number; back(): void } {
  const h = {
    entries: [initial] as unknown[],
    index: 0,
    get state() { return h.entries[h.index]; },
    pushState(data: unknown) { h.entries.splice(h.index + 1, Infinity, structuredClone(data)); h.index += 1; },
    replaceState(data: unknown) { h.entries[h.index] = structuredClone(data); },
    back() { h.index -= 1; },
  };
  return h;
}

function snapshot(patch: Partial<BookingSnapshot>): BookingSnapshot {
  return testStore({ catalog: catalog(), ...patch }).store.snapshot;
}

describe('journey history', () => {
  it('pushes an entry when the patient moves to another step and updates it when only choices change', () => {
    const history = fakeHistory({ hostPage: 'kept' });
    const journey = new JourneyHistory(history, 'itb-booking:0');
    journey.record(snapshot({ step: 'select' }), false);
    journey.record(snapshot({ step: 'select', clinicId: CLINIC, treatmentId: HYGIENE }), true);
    expect(history.entries).toHaveLength(1);
    journey.record(snapshot({ step: 'practitioner', clinicId: CLINIC, treatmentId: HYGIENE }), true);
    expect(history.entries).toHaveLength(2);
    expect(readEntry(history.entries[0], 'itb-booking:0')).toEqual({ step: 'select', clinicId: CLINIC, treatmentId: HYGIENE });
    expect(history.entries[1]).toMatchObject({ hostPage: 'kept' });
    expect(journey.current).toEqual({ step: 'practitioner', clinicId: CLINIC, treatmentId: HYGIENE });
  });

  it('a restore (not the patient\'s move) and a pop replace rather than push', () => {
    const history = fakeHistory();
    const journey = new JourneyHistory(history, 'k');
    journey.record(snapshot({ step: 'select' }), false);
    journey.record(snapshot({ step: 'review', chosenTime: freeTime('2026-12-08T09:00:00+01:00', ELIN) }), false);
    journey.popped('time');
    journey.record(snapshot({ step: 'time' }), true);
    expect(history.entries).toHaveLength(1);
    expect(journey.current?.step).toBe('time');
  });

  it('keeps other widgets\' entries and leaves a host state it cannot share alone', () => {
    const both = withEntry(withEntry(null, 'a', { step: 'time' }), 'b', { step: 'review' });
    expect(readEntry(both, 'a')).toEqual({ step: 'time' });
    expect(readEntry(both, 'b')).toEqual({ step: 'review' });
    expect(canShare('host-string-state')).toBe(false);
    const history = fakeHistory('host-string-state');
    new JourneyHistory(history, 'k').record(snapshot({ step: 'time' }), true);
    expect(history.entries).toEqual(['host-string-state']);
  });

  it('never keeps what the patient typed, only choices', () => {
    const entry = entryOf(snapshot({ step: 'review', form: { mobilePhone: '0701234567', email: 'a@b.se', comment: 'x', smsConfirmation: true, termsAccepted: true } }));
    expect(JSON.stringify(entry)).not.toMatch(/0701234567|a@b\.se/);
  });
});

describe('popTarget', () => {
  const time = freeTime('2026-12-08T09:00:00+01:00', ELIN);
  it('goes back to a review with its time, and to the time step when the time is not known', () => {
    expect(popTarget({ step: 'review', chosenTime: time }, snapshot({ step: 'time' }))).toMatchObject({ step: 'review', patch: { chosenTime: time } });
    expect(popTarget({ step: 'review' }, snapshot({ step: 'confirmation' })).step).toBe('time');
  });

  it('never offers a booking already made again: Back from a confirmation leaves it for fresh times', () => {
    const booked = { appointment: { resourceType: 'Appointment', status: 'booked', participant: [] }, warnings: [], kind: 'create', clinicId: CLINIC } as unknown as BookingSnapshot['booked'];
    const target = popTarget({ step: 'review', chosenTime: time, clinicId: CLINIC }, snapshot({ step: 'confirmation', booked }));
    expect(target.step).toBe('time');
    expect(target.patch).toMatchObject({ booked: undefined, chosenTime: undefined, clinicId: CLINIC });
  });

  it('a confirmation entry without its booking (after a reload) starts again; a finished move returns to My bookings', () => {
    expect(popTarget({ step: 'confirmation', clinicId: CLINIC }, snapshot({ step: 'select' })).step).toBe('select');
    expect(popTarget({ step: 'time', rescheduling: true }, snapshot({ step: 'my-bookings' })).step).toBe('my-bookings');
  });
});
