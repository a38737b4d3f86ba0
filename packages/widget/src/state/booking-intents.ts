import type { Appointment, AvailableTime } from '@itb/shared';
import type { ContactForm } from './booking-state.js';

/** What a step may ask the controller to do. Steps render the snapshot and call only these. */
export interface BookingIntents {
  retry(): void;
  chooseClinic(id: string | undefined): void;
  chooseTreatment(id: string | undefined): void;
  applyCampaign(code: string): void;
  removeCampaign(): void;
  continueFromSelect(): void;
  /** `undefined` = any practitioner. */
  choosePractitioner(id: string | undefined): void;
  /** Shows the week containing `day` (ISO). */
  showWeek(day: string): void;
  chooseTime(time: AvailableTime): void;
  back(): void;
  updateForm(patch: Partial<ContactForm>): void;
  signIn(): void;
  signOut(): void;
  book(): void;
  showMyBookings(): void;
  startNewBooking(): void;
  startReschedule(appointment: Appointment): void;
  cancelBooking(appointment: Appointment): void;
}
