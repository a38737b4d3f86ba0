/**
 * What a patient chooses and gives in a booking besides the time: the confirmation message
 * (`wofconnect-characteristic` `scheduling.bookingConfirmation`, spec §8.4, §11.4) and contact
 * details (mobile phone, e-mail, consent to marketing). Read and written here only, by the
 * widget (form → `$book`), the BFF (`$book` → ITB) and the create builder alike.
 * @module
 */
import { arrayOf, isExtensionOf, isRecord } from '../fhir/extensions.js';
import type { Appointment, Extension, Patient } from '../fhir/types.js';
import { EXT, SYSTEM, isExtension, type BookingConfirmationCode } from '../fhir/urls.js';

const CONFIRMATION_CODES: readonly BookingConfirmationCode[] = [
  'send-confirmation-by-sms', 'send-confirmation-by-email', 'send-confirmation-by-email-and-sms', 'no-booking-confirmation',
];

/** The default when nothing (or nothing known) is chosen: ITB's own default, an SMS. */
export const DEFAULT_CONFIRMATION: BookingConfirmationCode = 'send-confirmation-by-sms';

/** The confirmation choice an appointment carries; {@link DEFAULT_CONFIRMATION} when absent or unknown. */
export function readBookingConfirmation(appointment: Appointment): BookingConfirmationCode {
  const characteristic = arrayOf(appointment.extension).filter(isRecord).find((e) => isExtensionOf(e, EXT.characteristic));
  const scheduling = arrayOf(characteristic?.extension).filter(isRecord).find((e) => e.url === 'scheduling');
  const choice = arrayOf(scheduling?.extension).filter(isRecord).find((e) => e.url === 'bookingConfirmation');
  const coding = isRecord(choice?.valueCoding) ? choice.valueCoding : undefined;
  const code = coding?.code as BookingConfirmationCode | undefined;
  const systemOk = coding?.system === undefined || coding.system === SYSTEM.wcCharacteristic || coding.system === SYSTEM.wcCharacteristicConnect;
  return code !== undefined && systemOk && CONFIRMATION_CODES.includes(code) ? code : DEFAULT_CONFIRMATION;
}

/** The characteristic extension with `scheduling.bookingConfirmation` set, other groups and parts kept. */
export function characteristicWith(existing: Extension | undefined, confirmation: BookingConfirmationCode): Extension {
  const groups = arrayOf(existing?.extension).filter(isRecord) as unknown as Extension[];
  const scheduling = groups.find((g) => g.url === 'scheduling');
  const others = arrayOf(scheduling?.extension).filter(isRecord).filter((e) => e.url !== 'bookingConfirmation') as unknown as Extension[];
  return {
    url: EXT.characteristic,
    extension: [
      ...groups.filter((g) => g.url !== 'scheduling'),
      { url: 'scheduling', extension: [...others, { url: 'bookingConfirmation', valueCoding: { system: SYSTEM.wcCharacteristic, code: confirmation } }] },
    ],
  };
}

/** `appointment` carrying `confirmation` (one characteristic, however often this is applied). */
export function withBookingConfirmation(appointment: Appointment, confirmation: BookingConfirmationCode): Appointment {
  const extensions = arrayOf(appointment.extension).filter(isRecord) as unknown as Extension[];
  const existing = extensions.find((e) => isExtension(e.url, EXT.characteristic));
  return { ...appointment, extension: [...extensions.filter((e) => e !== existing), characteristicWith(existing, confirmation)] };
}

/** Contact details as a Patient gives them (nothing validated yet). */
export interface PatientContact {
  readonly mobilePhone?: string;
  readonly email?: string;
  readonly consentToMarketing?: boolean;
}

/** The mobile phone (a `mobile` one first, else any phone), e-mail and marketing consent of a Patient. */
export function contactOf(patient: Patient | undefined): PatientContact {
  const telecom = arrayOf(patient?.telecom).filter(isRecord);
  const phones = telecom.filter((t) => t.system === 'phone' && typeof t.value === 'string');
  const phone = (phones.find((t) => t.use === 'mobile') ?? phones[0])?.value;
  const email = telecom.find((t) => t.system === 'email' && typeof t.value === 'string')?.value;
  const consent = arrayOf(patient?.extension).filter(isRecord).find((e) => isExtensionOf(e, EXT.consentToMarketing))?.valueBoolean;
  return {
    ...(typeof phone === 'string' && phone.trim() !== '' ? { mobilePhone: phone.trim() } : {}),
    ...(typeof email === 'string' && email.trim() !== '' ? { email: email.trim() } : {}),
    ...(typeof consent === 'boolean' ? { consentToMarketing: consent } : {}),
  };
}

const PHONE = /^\+?[0-9][0-9 ()-]{5,24}$/;
const EMAIL = /^[^\s@<>"]{1,64}@[^\s@<>"]{1,190}\.[^\s@<>"]{2,63}$/;

/** A phone number ITB can send an SMS to (digits with an optional +, spaces, dashes, brackets). */
export function isPhoneNumber(value: string): boolean {
  return PHONE.test(value.trim());
}

/** A plausible e-mail address (a form check, not a delivery guarantee). */
export function isEmailAddress(value: string): boolean {
  return EMAIL.test(value.trim());
}
