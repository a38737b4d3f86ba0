/**
 * Booking: choosing a time, the contact form, `$book` (create, or modify when a booking is being
 * moved), getting back to fresh times when someone else was faster, and starting over.
 * @module
 */
import { participantId } from '@itb/shared';
import type { AvailableTime } from '@itb/shared';
import type { BffClient } from '../bff-client.js';
import { ItbBookedEvent } from '../events/itb-booked.js';
import { ItbRescheduledEvent } from '../events/itb-rescheduled.js';
import { createAttemptKeys } from './attempt-keys.js';
import { createParameters, modifyParameters } from './book-request.js';
import type { ContactForm } from './booking-state.js';
import type { BookingStore } from './booking-store.js';
import type { JourneyStorage } from './journey-storage.js';
import { problemOf } from './problem.js';
import type { SignInFlow } from './sign-in.js';
import type { TimesFlow } from './times.js';

export interface BookingOptions {
  readonly journey: Pick<JourneyStorage, 'clear'>;
  readonly times: Pick<TimesFlow, 'load'>;
  readonly signIn: Pick<SignInFlow, 'patient' | 'contact' | 'loadSession' | 'prefillContact'>;
}

export interface BookingFlow {
  /** Opens the review step for `time`, reading the session there if it is not known yet. */
  chooseTime(time: AvailableTime): void;
  updateForm(patch: Partial<ContactForm>): void;
  book(): Promise<void>;
  /** From the confirmation or My bookings back to an empty select step. */
  startNew(): void;
}

export function createBooking(store: BookingStore, client: Pick<BffClient, 'book'>, options: BookingOptions): BookingFlow {
  const { signIn, times } = options;
  const keys = createAttemptKeys();

  return {
    chooseTime(time) {
      store.set({ chosenTime: time, bookProblem: undefined, bookStatus: 'idle' });
      store.go('review');
      if (store.snapshot.sessionStatus === 'idle') void signIn.loadSession();
      else if (store.snapshot.session.signedIn && signIn.patient === undefined) void signIn.prefillContact();
    },

    updateForm(patch) {
      store.set({ form: { ...store.snapshot.form, ...patch } });
    },

    async book() {
      const s = store.snapshot;
      const time = s.chosenTime;
      if (time === undefined || s.bookStatus === 'loading') return;
      const rescheduling = s.rescheduling;
      const parameters = rescheduling === undefined
        ? createParameters(time.appointment, s.form)
        : modifyParameters(rescheduling, time.appointment, signIn.contact());
      const key = keys.keyFor(JSON.stringify(parameters));
      store.set({ bookStatus: 'loading', bookProblem: undefined, announcement: s.t.review.working });
      let result: Awaited<ReturnType<typeof client.book>>;
      try {
        result = await client.book(parameters, key, store.begin('book'), s.campaign?.code, rescheduling === undefined ? s.attribution : undefined);
      } catch (error) {
        const problem = problemOf(error);
        if (problem === undefined) return;
        store.set({ bookStatus: 'error', bookProblem: problem });
        store.fail('book', problem);
        if (problem.reason === 'login-required') {
          store.set({ session: { signedIn: false } });
          store.focus('sign-in');
        } else if (problem.reason === 'slot-taken') {
          // Someone was faster: the time is gone, so send the patient back to fresh times (the
          // time step's heading takes focus; the alert above is what they hear).
          keys.settle();
          store.set({ chosenTime: undefined });
          store.go('time');
          void times.load();
        } else {
          // The Book button was disabled while busy, which dropped focus: give it back.
          store.focus('book');
        }
        return;
      }
      const { appointment, warnings } = result;
      keys.settle();
      options.journey.clear();
      const clinicId = participantId(appointment, 'HealthcareService') ?? s.clinicId ?? '';
      const practitionerRoleId = participantId(appointment, 'PractitionerRole') ?? time.practitionerRoleId;
      const ids = { appointmentId: appointment.id ?? '', start: appointment.start ?? '', end: appointment.end ?? '' };
      store.set({
        bookStatus: 'ready', rescheduling: undefined, chosenTime: undefined, form: { ...s.form, comment: '', termsAccepted: false },
        booked: {
          appointment, warnings, kind: rescheduling === undefined ? 'create' : 'modify', clinicId, practitionerRoleId,
          ...(s.treatmentId === undefined ? {} : { treatmentId: s.treatmentId }),
        },
      });
      if (rescheduling === undefined) {
        store.emit(new ItbBookedEvent({ ...ids, clinicId, treatmentId: s.treatmentId ?? '', practitionerRoleId, attribution: s.attribution ?? {} }));
      } else {
        store.emit(new ItbRescheduledEvent({ ...ids, previousStart: rescheduling.start ?? '' }));
      }
      store.go('confirmation');
    },

    startNew() {
      store.set({ rescheduling: undefined, chosenTime: undefined, booked: undefined, bookProblem: undefined, bookStatus: 'idle', practitionerId: undefined });
      store.go('select');
    },
  };
}
