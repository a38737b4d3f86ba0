/**
 * What the browser may say about the patient in `$book`: contact details and the marketing
 * consent, read with @itb/shared's `contactOf` and checked here (a malformed phone or e-mail is a
 * 400). Identity never comes from the browser; the rest of a submitted Patient is ignored.
 * @module
 */
import { contactOf, isEmailAddress, isPhoneNumber, type Patient, type PatientContact } from '@itb/shared';
import { OutcomeError } from '../errors.js';

/** Contact details from a submitted Patient; a malformed phone or e-mail is a 400. */
export function checkedContactOf(patient: Patient | undefined): PatientContact {
  const contact = contactOf(patient);
  if (contact.mobilePhone !== undefined && !isPhoneNumber(contact.mobilePhone)) throw new OutcomeError('invalid-parameter', 'The mobile phone number is not valid.');
  if (contact.email !== undefined && !isEmailAddress(contact.email)) throw new OutcomeError('invalid-parameter', 'The e-mail address is not valid.');
  return contact;
}
