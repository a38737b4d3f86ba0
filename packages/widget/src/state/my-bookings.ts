/**
 * My bookings: the signed-in patient's appointments, cancelling one (`$book` with a cancelled
 * Appointment), and starting to move one to another time.
 * @module
 */
import { participantId, treatmentIdOf } from '@itb/shared';
import type { Appointment } from '@itb/shared';
import type { BffClient } from '../bff-client.js';
import { ItbCancelledEvent } from '../events/itb-cancelled.js';
import { createAttemptKeys } from './attempt-keys.js';
import { cancelParameters } from './book-request.js';
import type { BookingStore } from './booking-store.js';
import { problemOf } from './problem.js';
import type { SignInFlow } from './sign-in.js';
import type { TimesFlow } from './times.js';

export interface MyBookingsOptions {
  readonly signIn: Pick<SignInFlow, 'patient' | 'contact' | 'loadSession' | 'prefillContact'>;
  readonly times: Pick<TimesFlow, 'load'>;
  readonly now: () => Date;
}

export interface MyBookingsFlow {
  /** Opens the list; it loads once the session is known to be signed in. */
  show(): void;
  load(): Promise<void>;
  cancel(appointment: Appointment): Promise<void>;
  /** Opens the time step to move `appointment`, with its clinic, treatment and practitioner chosen. */
  startReschedule(appointment: Appointment): void;
}

export function createMyBookings(store: BookingStore, client: Pick<BffClient, 'myAppointments' | 'book'>, options: MyBookingsOptions): MyBookingsFlow {
  const { signIn } = options;
  const keys = createAttemptKeys();

  async function load(): Promise<void> {
    const signal = store.begin('my-bookings');
    const recovering = store.snapshot.myBookings.status === 'error';
    store.set({ myBookings: { status: 'loading', items: store.snapshot.myBookings.items } });
    try {
      const items = await client.myAppointments(signal);
      store.set({ myBookings: { status: 'ready', items }, ...(recovering ? { alert: '' } : {}) });
      if (signIn.patient === undefined) void signIn.prefillContact();
    } catch (error) {
      const problem = problemOf(error);
      if (problem === undefined) return;
      if (problem.reason === 'login-required') store.set({ session: { signedIn: false } });
      store.set({ myBookings: { status: 'error', items: [], problem } });
      store.fail('my-bookings', problem);
    }
  }

  return {
    load,

    show() {
      store.set({ rescheduling: undefined, cancelProblem: undefined, cancelStatus: 'idle' });
      store.go('my-bookings');
      if (store.snapshot.sessionStatus === 'idle') void signIn.loadSession();
      else if (store.snapshot.session.signedIn) void load();
    },

    async cancel(appointment) {
      if (store.snapshot.cancelStatus === 'loading') return;
      const parameters = cancelParameters(appointment, signIn.contact());
      const key = keys.keyFor(JSON.stringify(parameters));
      store.set({ cancelStatus: 'loading', cancelProblem: undefined });
      let cancelled: Appointment;
      try {
        ({ appointment: cancelled } = await client.book(parameters, key, store.begin('cancel')));
      } catch (error) {
        const problem = problemOf(error);
        if (problem === undefined) return;
        store.set({ cancelStatus: 'error', cancelProblem: problem });
        store.fail('cancel', problem);
        store.focus('cancel-result');
        return;
      }
      keys.settle();
      store.emit(new ItbCancelledEvent({ appointmentId: cancelled.id ?? appointment.id ?? '', start: appointment.start ?? '' }));
      store.set({ cancelStatus: 'ready', announcement: store.snapshot.t.myBookings.cancelledNotice });
      // The dialog is closed and the card's Cancel button is gone: focus the result instead of the page.
      store.focus('cancel-result');
      void load();
    },

    startReschedule(appointment) {
      const clinicId = participantId(appointment, 'HealthcareService');
      const treatmentId = treatmentIdOf(appointment);
      const practitionerId = participantId(appointment, 'PractitionerRole');
      store.set({ rescheduling: appointment, clinicId, treatmentId, practitionerId, chosenTime: undefined, weekDay: options.now(), bookProblem: undefined });
      store.go('time');
      void options.times.load();
    },
  };
}
