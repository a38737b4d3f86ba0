import { describe, expect, it } from 'vitest';
import { readBookParameters, readBookingConfirmation } from '@itb/shared';
import type { Appointment, Attribution, Parameters, Patient } from '@itb/shared';
import { EMPTY_FORM, type BookingSnapshot } from './booking-state.js';
import { createBooking } from './booking.js';
import {
  CLINIC, ELIN, FakeBff, HYGIENE, appointment, eventsOf, freeTime, memoryJourney, problem, settle, siblings, testStore,
} from './flows.test-support.js';

const TIME = freeTime('2026-06-11T07:00:00Z');
const FORM = { ...EMPTY_FORM, mobilePhone: ' +46701740605 ', comment: ' Please call first ', termsAccepted: true };
const RECORD: Patient = { resourceType: 'Patient', telecom: [{ system: 'phone', value: '+46701740605', use: 'mobile' }] };

/** The clinic's answer: the booked Appointment. */
function booked(id: string, start = TIME.start): { appointment: Appointment; warnings: string[] } {
  return { appointment: { ...appointment(id, start), end: TIME.end }, warnings: [] };
}

function setUp(initial: Partial<BookingSnapshot>, bff = new FakeBff(), signIn: { patient?: Patient } = {}) {
  const { store, events } = testStore({ clinicId: CLINIC, treatmentId: HYGIENE, session: { signedIn: true }, sessionStatus: 'ready', ...initial });
  const journey = memoryJourney({ version: 1, step: 'review', form: EMPTY_FORM, awaitingLogin: false });
  const calls: string[] = [];
  const flow = createBooking(store, bff, { journey, ...siblings(calls, signIn.patient) });
  return { store, events, bff, journey, flow, calls };
}

const sent = (bff: FakeBff, call = 0) => bff.called('book')[call] as [Parameters, string, AbortSignal, string | undefined, Attribution | undefined];

describe('booking', () => {
  it('choosing a time opens the review and reads the session the first time', () => {
    const { store, flow, calls } = setUp({ step: 'time', sessionStatus: 'idle', session: { signedIn: false } });
    flow.chooseTime(TIME);
    expect(store.snapshot).toMatchObject({ step: 'review', chosenTime: TIME, bookStatus: 'idle' });
    expect(calls).toEqual(['loadSession']);
  });

  it('choosing a time when signed in prefills the form once', () => {
    const first = setUp({ step: 'time' });
    first.flow.chooseTime(TIME);
    expect(first.calls).toEqual(['prefillContact']);
    const known = setUp({ step: 'time' }, new FakeBff(), { patient: RECORD });
    known.flow.chooseTime(TIME);
    expect(known.calls).toEqual([]);
  });

  it('books the chosen time with the SMS choice, contact and comment; fires itb-booked with ids only', async () => {
    const bff = new FakeBff().answer('book', booked('apt-1'));
    const { store, events, journey, flow } = setUp({ step: 'review', chosenTime: TIME, form: FORM, campaign: { code: 'SPRING26', tag: 'SPRING26', treatmentIds: [] } }, bff);
    const booking = flow.book();
    expect(store.snapshot).toMatchObject({ bookStatus: 'loading', announcement: store.snapshot.t.review.working });
    await booking;
    const [parameters, , , campaign] = sent(bff);
    const read = readBookParameters(parameters);
    expect(read.ok).toBe(true);
    const { appointment: sentTime, patient, comment } = read.ok ? read : ({} as never);
    expect(readBookingConfirmation(sentTime)).toBe('send-confirmation-by-sms');
    expect(sentTime.start).toBe(TIME.start);
    expect(patient?.telecom).toEqual([{ system: 'phone', value: '+46701740605', use: 'mobile' }]);
    expect(comment).toBe('Please call first');
    expect(campaign).toBe('SPRING26');
    expect(store.snapshot).toMatchObject({ step: 'confirmation', bookStatus: 'ready', chosenTime: undefined, form: { comment: '', termsAccepted: false, mobilePhone: FORM.mobilePhone } });
    expect(store.snapshot.booked).toMatchObject({ kind: 'create', clinicId: CLINIC, treatmentId: HYGIENE, practitionerRoleId: ELIN });
    expect(eventsOf(events)).toEqual([
      ['itb-booked', { appointmentId: 'apt-1', start: TIME.start, end: TIME.end, clinicId: CLINIC, treatmentId: HYGIENE, practitionerRoleId: ELIN, attribution: {} }],
      ['itb-step-change', { step: 'confirmation', previous: 'review' }],
    ]);
    expect(journey.saved).toBeUndefined();
  });

  it('sends the journey\'s campaign attribution with a new booking and puts it in itb-booked', async () => {
    const bff = new FakeBff().answer('book', booked('apt-1'));
    const attribution = { utm_source: 'nyhetsbrev', utm_campaign: 'var-2026' };
    const { events, flow } = setUp({ step: 'review', chosenTime: TIME, form: FORM, attribution }, bff);
    await flow.book();
    expect(sent(bff)[4]).toEqual(attribution);
    expect((events[0] as CustomEvent).detail).toMatchObject({ appointmentId: 'apt-1', attribution });
  });

  it('no SMS wanted: the confirmation choice says so', async () => {
    const bff = new FakeBff().answer('book', booked('apt-1'));
    const { flow } = setUp({ step: 'review', chosenTime: TIME, form: { ...FORM, smsConfirmation: false } }, bff);
    await flow.book();
    const read = readBookParameters(sent(bff)[0]);
    expect(read.ok && readBookingConfirmation(read.appointment)).toBe('no-booking-confirmation');
  });

  it('retrying the same attempt reuses its idempotency key; a changed request gets a new one', async () => {
    const bff = new FakeBff().answer('book', problem('network', 0), problem('network', 0), booked('apt-1'));
    const { store, events, flow } = setUp({ step: 'review', chosenTime: TIME, form: FORM }, bff);
    await flow.book();
    expect(store.snapshot).toMatchObject({ bookStatus: 'error', bookProblem: { reason: 'network' }, step: 'review' });
    expect(eventsOf(events)).toEqual([['itb-error', { reason: 'network', status: 0, operation: 'book' }]]);
    await flow.book();
    flow.updateForm({ comment: 'Changed my mind' });
    await flow.book();
    const keys = bff.called('book').map((args) => args[1]);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[1]);
  });

  it('does not send a second request while one is under way', async () => {
    const bff = new FakeBff().answer('book', booked('apt-1'));
    const { flow } = setUp({ step: 'review', chosenTime: TIME, form: FORM }, bff);
    await Promise.all([flow.book(), flow.book()]);
    expect(bff.called('book')).toHaveLength(1);
  });

  it('a time taken meanwhile sends the patient back to fresh times, with a new key next time', async () => {
    const bff = new FakeBff().answer('book', problem('slot-taken', 409), booked('apt-2'));
    const { store, events, flow, calls } = setUp({ step: 'review', chosenTime: TIME, form: FORM }, bff);
    await flow.book();
    expect(store.snapshot).toMatchObject({ step: 'time', chosenTime: undefined, bookProblem: { reason: 'slot-taken' }, alert: store.snapshot.t.reasons['slot-taken'] });
    expect(calls).toEqual(['times.load']);
    expect(eventsOf(events)).toEqual([
      ['itb-error', { reason: 'slot-taken', status: 409, operation: 'book' }],
      ['itb-step-change', { step: 'time', previous: 'review' }],
    ]);
    flow.chooseTime(TIME);
    await flow.book();
    const keys = bff.called('book').map((args) => args[1]);
    expect(keys[1]).not.toBe(keys[0]);
  });

  it('a session that ran out shows the sign-in again', async () => {
    const bff = new FakeBff().answer('book', problem('login-required', 401));
    const { store, flow } = setUp({ step: 'review', chosenTime: TIME, form: FORM }, bff);
    await flow.book();
    expect(store.snapshot).toMatchObject({ session: { signedIn: false }, bookProblem: { reason: 'login-required' }, step: 'review' });
  });

  it('moving a booking sends a modify with the patient record and fires itb-rescheduled', async () => {
    const old = appointment('apt-old', '2026-06-09T07:00:00Z');
    const bff = new FakeBff().answer('book', booked('apt-old'));
    const { store, events, flow } = setUp({ step: 'review', chosenTime: TIME, rescheduling: old, form: EMPTY_FORM, attribution: { utm_source: 'nyhetsbrev' } }, bff, { patient: RECORD });
    await flow.book();
    // Attribution is about new bookings: a move does not send it.
    expect(sent(bff)[4]).toBeUndefined();
    const read = readBookParameters(sent(bff)[0]);
    expect(read.ok && read.appointment.id).toBe('apt-old');
    expect(read.ok && read.appointment.start).toBe(TIME.start);
    expect(read.ok && read.patient).toEqual(RECORD);
    expect(store.snapshot).toMatchObject({ rescheduling: undefined, booked: { kind: 'modify' } });
    expect(eventsOf(events)[0]).toEqual(['itb-rescheduled', { appointmentId: 'apt-old', start: TIME.start, end: TIME.end, previousStart: old.start }]);
  });

  it('starting over forgets the booking, the time and the practitioner', async () => {
    const { store, flow } = setUp({ step: 'confirmation', practitionerId: ELIN, booked: { appointment: appointment('a', TIME.start), warnings: [], kind: 'create', clinicId: CLINIC } });
    flow.startNew();
    await settle();
    expect(store.snapshot).toMatchObject({ step: 'select', booked: undefined, practitionerId: undefined, clinicId: CLINIC, bookStatus: 'idle' });
  });
});
