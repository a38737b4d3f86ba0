/**
 * What the browser may say about the patient in `$book`: contact details (mobile phone, e-mail),
 * the marketing consent and the confirmation choice. Identity never comes from the browser; the
 * rest of a submitted Patient resource is ignored.
 * @module
 */
import { EXT, SYSTEM, isExtension, type Appointment, type BookingConfirmationCode, type Extension, type Patient } from '@itb/shared';
import { OutcomeError } from '../errors.js';

/** Contact details taken from a submitted Patient (all optional until checked). */
export interface SubmittedContact {
  readonly mobilePhone?: string;
  readonly email?: string;
  readonly consentToMarketing?: boolean;
}

const PHONE = /^\+?[0-9][0-9 ()-]{5,24}$/;
const EMAIL = /^[^\s@<>"]{1,64}@[^\s@<>"]{1,190}\.[^\s@<>"]{2,63}$/;

/** Read telecom and consent from `patient`; a malformed phone or e-mail is a 400. */
export function contactFrom(patient: Patient | undefined): SubmittedContact {
  if (patient === undefined) return {};
  const telecom = Array.isArray(patient.telecom) ? patient.telecom : [];
  const phones = telecom.filter((t) => t?.system === 'phone' && typeof t.value === 'string');
  const phone = (phones.find((t) => t.use === 'mobile') ?? phones[0])?.value?.trim();
  const email = telecom.find((t) => t?.system === 'email' && typeof t.value === 'string')?.value?.trim();
  if (phone !== undefined && !PHONE.test(phone)) throw new OutcomeError('invalid-parameter', 'The mobile phone number is not valid.');
  if (email !== undefined && !EMAIL.test(email)) throw new OutcomeError('invalid-parameter', 'The e-mail address is not valid.');
  const consent = (Array.isArray(patient.extension) ? patient.extension : [])
    .find((e: Extension) => isExtension(e?.url, EXT.consentToMarketing))?.valueBoolean;
  return {
    ...(phone === undefined ? {} : { mobilePhone: phone }),
    ...(email === undefined ? {} : { email }),
    ...(typeof consent === 'boolean' ? { consentToMarketing: consent } : {}),
  };
}

const CONFIRMATION_CODES: readonly BookingConfirmationCode[] = [
  'send-confirmation-by-sms', 'send-confirmation-by-email', 'send-confirmation-by-email-and-sms', 'no-booking-confirmation',
];

/**
 * The confirmation choice from the appointment's characteristic extension
 * (`scheduling.bookingConfirmation`, spec §11.4); SMS when absent or unknown.
 */
export function confirmationFrom(appointment: Appointment): BookingConfirmationCode {
  const characteristic = (appointment.extension ?? []).find((e) => isExtension(e?.url, EXT.characteristic));
  const scheduling = characteristic?.extension?.find((e) => e?.url === 'scheduling');
  const coding = scheduling?.extension?.find((e) => e?.url === 'bookingConfirmation')?.valueCoding;
  const code = coding?.code as BookingConfirmationCode | undefined;
  const systemOk = coding?.system === undefined || coding.system === SYSTEM.wcCharacteristic || coding.system === SYSTEM.wcCharacteristicConnect;
  return code !== undefined && systemOk && CONFIRMATION_CODES.includes(code) ? code : 'send-confirmation-by-sms';
}
