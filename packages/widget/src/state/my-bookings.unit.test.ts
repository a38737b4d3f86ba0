import { describe, expect, it } from 'vitest';
import { readBookParameters } from '@itb/shared';
import type { Appointment, Parameters, Patient } from '@itb/shared';
import type { BookingSnapshot } from './booking-state.js';
import { createMyBookings } from './my-bookings.js';
import { CLINIC, ELIN, FakeBff, HYGIENE, appointment, eventsOf, problem, settle, siblings, testStore } from './flows.test-support.js';

const NOW = new Date('2026-06-10T08:00:00Z');
const BOOKED = appointment('apt-1', '2026-06-20T07:00:00Z');
const RECORD: Patient = { resourceType: 'Patient', telecom: [{ system: 'phone', value: '+46701740605', use: 'mobile' }] };

function setUp(initial: Partial<BookingSnapshot>, bff = new FakeBff(), signIn: { patient?: Patient } = {}) {
  const { store, events } = testStore({ session: { signedIn: true }, sessionStatus: 'ready', ...initial });
  const calls: string[] = [];
  const flow = createMyBookings(store, bff, { now: () => NOW, ...siblings(calls, signIn.patient) });
  return { store, events, bff, flow, calls };
}

describe('my bookings', () => {
  it('opening the list first reads the session when it is not known', () => {
    const { store, flow, calls, bff } = setUp({ step: 'confirmation', sessionStatus: 'idle', session: { signedIn: false } });
    flow.show();
    expect(store.snapshot.step).toBe('my-bookings');
    expect(calls).toEqual(['loadSession']);
    expect(bff.calls).toEqual([]);
  });

  it('signed in: the list loads, and the contact is read from the record once', async () => {
    const bff = new FakeBff().answer('myAppointments', [BOOKED], [BOOKED]);
    const { store, flow, calls } = setUp({ step: 'confirmation', rescheduling: BOOKED, cancelStatus: 'ready' }, bff);
    flow.show();
    expect(store.snapshot).toMatchObject({ rescheduling: undefined, cancelStatus: 'idle', myBookings: { status: 'loading' } });
    await flow.load();
    expect(store.snapshot.myBookings).toEqual({ status: 'ready', items: [BOOKED] });
    expect(calls).toEqual(['prefillContact', 'prefillContact']);
    const known = setUp({}, new FakeBff().answer('myAppointments', []), { patient: RECORD });
    await known.flow.load();
    expect(known.calls).toEqual([]);
  });

  it('a session that ran out while listing shows the sign-in prompt and tells the page', async () => {
    const { store, events, flow } = setUp({ step: 'my-bookings' }, new FakeBff().answer('myAppointments', problem('login-required', 401)));
    await flow.load();
    expect(store.snapshot).toMatchObject({ session: { signedIn: false }, myBookings: { status: 'error', items: [], problem: { reason: 'login-required' } } });
    expect(eventsOf(events)).toEqual([['itb-error', { reason: 'login-required', status: 401, operation: 'my-bookings' }]]);
  });

  it('cancels with the patient record as contact, fires itb-cancelled with ids only, and reloads the list', async () => {
    const cancelled: Appointment = { ...BOOKED, status: 'cancelled' };
    const bff = new FakeBff().answer('book', { appointment: cancelled, warnings: [] }).answer('myAppointments', [cancelled]);
    const { store, events, flow } = setUp({ step: 'my-bookings', myBookings: { status: 'ready', items: [BOOKED] } }, bff, { patient: RECORD });
    await flow.cancel(BOOKED);
    const [parameters, key, , campaign] = bff.called('book')[0] as [Parameters, string, AbortSignal, string | undefined];
    const read = readBookParameters(parameters);
    expect(read.ok && read.appointment).toMatchObject({ id: 'apt-1', status: 'cancelled' });
    expect(read.ok && read.patient).toEqual(RECORD);
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(campaign).toBeUndefined();
    expect(eventsOf(events)).toEqual([['itb-cancelled', { appointmentId: 'apt-1', start: BOOKED.start }]]);
    await settle();
    expect(store.snapshot).toMatchObject({ cancelStatus: 'ready', myBookings: { status: 'ready', items: [cancelled] } });
  });

  it('a failed cancellation says why; trying again is the same attempt (same key)', async () => {
    const bff = new FakeBff().answer('book', problem('cancel-window-passed', 422), problem('network', 0));
    const { store, events, flow } = setUp({ step: 'my-bookings' }, bff);
    await flow.cancel(BOOKED);
    expect(store.snapshot).toMatchObject({ cancelStatus: 'error', cancelProblem: { reason: 'cancel-window-passed' } });
    expect(eventsOf(events)).toEqual([['itb-error', { reason: 'cancel-window-passed', status: 422, operation: 'cancel' }]]);
    await flow.cancel(BOOKED);
    const keys = bff.called('book').map((args) => args[1]);
    expect(keys[1]).toBe(keys[0]);
  });

  it('moving a booking opens this week\'s times with its clinic, treatment and practitioner', () => {
    const { store, flow, calls } = setUp({ step: 'my-bookings', clinicId: 'hs-other', bookProblem: { reason: 'slot-taken', issueCode: 'conflict', diagnostics: '', status: 409 } });
    flow.startReschedule(BOOKED);
    expect(store.snapshot).toMatchObject({ step: 'time', rescheduling: BOOKED, clinicId: CLINIC, treatmentId: HYGIENE, practitionerId: ELIN, weekDay: NOW, bookProblem: undefined });
    expect(calls).toEqual(['times.load']);
  });
});
