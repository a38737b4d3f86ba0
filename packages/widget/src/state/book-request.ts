/**
 * The `$book` Parameters the widget sends (bff-common: the BFF rebuilds the patient from the
 * session, so the browser sends only the chosen time, the confirmation choice and contact details).
 * @module
 */
import { EXT, SYSTEM, buildBookParameters, buildCancelAppointment, buildModifyAppointment, isExtension } from '@itb/shared';
import type { Appointment, BookingConfirmationCode, Extension, Parameters, Patient } from '@itb/shared';
import type { ContactForm } from './booking-state.js';

/** A Patient with only telecom: the mobile phone and, if given, the e-mail. */
export function contactPatient(form: Pick<ContactForm, 'mobilePhone' | 'email'>): Patient {
  const telecom: NonNullable<Patient['telecom']> = [];
  if (form.mobilePhone.trim() !== '') telecom.push({ system: 'phone', value: form.mobilePhone.trim(), use: 'mobile' });
  if (form.email.trim() !== '') telecom.push({ system: 'email', value: form.email.trim() });
  return { resourceType: 'Patient', telecom };
}

/**
 * The `$find` Appointment as received, plus the booking-confirmation choice in the
 * wofconnect-characteristic extension (spec §8.4, §11.4). Any characteristic already present is
 * replaced, so repeating this never stacks two choices.
 */
export function withConfirmation(time: Appointment, confirmation: BookingConfirmationCode): Appointment {
  const characteristic: Extension = {
    url: EXT.characteristic,
    extension: [{
      url: 'scheduling',
      extension: [{ url: 'bookingConfirmation', valueCoding: { system: SYSTEM.wcCharacteristic, code: confirmation } }],
    }],
  };
  const others = (time.extension ?? []).filter((e) => !isExtension(e.url, EXT.characteristic));
  return { ...time, extension: [...others, characteristic] };
}

export function createParameters(time: Appointment, form: ContactForm): Parameters {
  const appointment = withConfirmation(time, form.smsConfirmation ? 'send-confirmation-by-sms' : 'no-booking-confirmation');
  const comment = form.comment.trim();
  return buildBookParameters(appointment, contactPatient(form), comment === '' ? undefined : comment);
}

export function modifyParameters(booking: Appointment, newTime: Appointment, contact: Patient): Parameters {
  return buildBookParameters(buildModifyAppointment(booking, newTime), contact);
}

export function cancelParameters(booking: Appointment, contact: Patient): Parameters {
  return buildBookParameters(buildCancelAppointment(booking), contact);
}

/** Phone and e-mail from the patient record, for prefilling the form. */
export function contactFromPatient(patient: Patient): { mobilePhone: string; email: string } {
  const telecom = patient.telecom ?? [];
  const phone = telecom.find((c) => c.system === 'phone' && c.use === 'mobile') ?? telecom.find((c) => c.system === 'phone');
  const email = telecom.find((c) => c.system === 'email');
  return { mobilePhone: phone?.value ?? '', email: email?.value ?? '' };
}
