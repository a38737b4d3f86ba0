/**
 * The `$book` Parameters the widget sends (bff-common: the BFF rebuilds the patient from the
 * session, so the browser sends only the chosen time, the confirmation choice and contact details).
 * @module
 */
import { buildBookParameters, buildCancelAppointment, buildModifyAppointment, withBookingConfirmation } from '@itb/shared';
import type { Appointment, Parameters, Patient } from '@itb/shared';
import type { ContactForm } from './booking-state.js';

/** A Patient with only telecom: the mobile phone and, if given, the e-mail. */
export function contactPatient(form: Pick<ContactForm, 'mobilePhone' | 'email'>): Patient {
  const telecom: NonNullable<Patient['telecom']> = [];
  if (form.mobilePhone.trim() !== '') telecom.push({ system: 'phone', value: form.mobilePhone.trim(), use: 'mobile' });
  if (form.email.trim() !== '') telecom.push({ system: 'email', value: form.email.trim() });
  return { resourceType: 'Patient', telecom };
}

/**
 * A new booking: the `$find` Appointment as received, carrying the patient's confirmation choice
 * (spec §8.4, §11.4), plus the contact details and the comment.
 */
export function createParameters(time: Appointment, form: ContactForm): Parameters {
  const appointment = withBookingConfirmation(time, form.smsConfirmation ? 'send-confirmation-by-sms' : 'no-booking-confirmation');
  const comment = form.comment.trim();
  return buildBookParameters(appointment, contactPatient(form), comment === '' ? undefined : comment);
}

export function modifyParameters(booking: Appointment, newTime: Appointment, contact: Patient): Parameters {
  return buildBookParameters(buildModifyAppointment(booking, newTime), contact);
}

export function cancelParameters(booking: Appointment, contact: Patient): Parameters {
  return buildBookParameters(buildCancelAppointment(booking), contact);
}
