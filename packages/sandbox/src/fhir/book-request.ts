/**
 * Reading a `$book` Parameters body (spec §5.3.1–5.3.3) liberally, as a tolerant server does:
 * participants by `actor.type`, reference prefix or identifier-only actor (§13.9), extensions by
 * last path segment (§13.2), create with `pending` or `proposed` and with or without the slot id
 * (§15.4). Anything it cannot use is a 400 naming the problem.
 * @module
 */
import { canonicalName, PERSONAL_NUMBER_SYSTEM } from '@itb/shared';
import { invalid } from '../http/fhir-error.js';

export type BookIntent = 'create' | 'modify' | 'cancel';

export interface BookRequest {
  readonly intent: BookIntent;
  readonly id?: string;
  readonly start?: number;
  readonly end?: number;
  readonly roleId?: string;
  readonly clinicId?: string;
  readonly treatmentId?: string;
  readonly treatmentCode?: string;
  readonly slotId?: string;
  /** The identifier-only patient participant. */
  readonly patient: { readonly system: string; readonly value: string };
  /** The personal number of `patient-resource`. */
  readonly patientResource: { readonly system: string; readonly value: string };
  readonly comment?: string;
  readonly confirmation?: string;
  readonly consentToMarketing?: boolean;
  readonly statusReason?: string;
}

type Loose = Record<string, unknown>;
const PERSONAL_SYSTEMS: readonly string[] = Object.values(PERSONAL_NUMBER_SYSTEM);
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function isRecord(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function records(value: unknown): Loose[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function extensions(element: Loose, name: string): Loose[] {
  return records(element.extension).filter((e) => typeof e.url === 'string' && canonicalName(e.url) === name);
}

function instant(value: unknown, name: string): number {
  if (typeof value !== 'string' || !INSTANT.test(value) || Number.isNaN(Date.parse(value))) {
    throw invalid(`appointment-resource.${name} must be an instant with a time-zone offset.`);
  }
  return Date.parse(value);
}

/** `Type/id` → id when the reference is of `type` (also `…/Type/id` absolute forms). */
function idFrom(reference: unknown, type: string): string | undefined {
  const text = str(reference);
  if (text === undefined) return undefined;
  const marker = `${type}/`;
  const at = text.lastIndexOf(marker);
  if (at === -1 || (at > 0 && text[at - 1] !== '/')) return undefined;
  const id = text.slice(at + marker.length);
  return id === '' || id.includes('/') ? undefined : id;
}

function participantRef(participants: Loose[], type: 'HealthcareService' | 'PractitionerRole'): string | undefined {
  for (const participant of participants) {
    const actor = isRecord(participant.actor) ? participant.actor : undefined;
    if (actor === undefined) continue;
    const id = idFrom(actor.reference, type);
    if (id !== undefined && (actor.type === undefined || actor.type === type)) return id;
  }
  return undefined;
}

function personalNumber(identifiers: Loose[], where: string): { system: string; value: string } {
  const candidates = identifiers.filter((i) => str(i.system) !== undefined && str(i.value) !== undefined);
  const found = candidates.find((i) => PERSONAL_SYSTEMS.includes(i.system as string)) ?? (candidates.length === 1 ? candidates[0] : undefined);
  if (found === undefined) throw invalid(`${where} needs a personal-number identifier (system and value).`);
  return { system: found.system as string, value: found.value as string };
}

function patientParticipant(participants: Loose[]): { system: string; value: string } {
  for (const participant of participants) {
    const actor = isRecord(participant.actor) ? participant.actor : undefined;
    if (actor === undefined) continue;
    const identifierOnly = actor.reference === undefined && isRecord(actor.identifier);
    if ((actor.type === 'Patient' || identifierOnly) && isRecord(actor.identifier)) {
      return personalNumber([actor.identifier], 'The patient participant');
    }
  }
  throw invalid('appointment-resource needs a patient participant (actor.type Patient with the personal-number identifier).');
}

function treatmentOf(appointment: Loose): { treatmentId?: string; treatmentCode?: string } {
  for (const extension of extensions(appointment, 'activity-definition-reference')) {
    const id = isRecord(extension.valueReference) ? idFrom(extension.valueReference.reference, 'ActivityDefinition') : undefined;
    if (id !== undefined) return { treatmentId: id };
  }
  for (const serviceType of records(appointment.serviceType)) {
    for (const coding of records(serviceType.coding)) {
      const code = str(coding.code);
      if (code !== undefined) return { treatmentCode: code };
    }
  }
  return {};
}

function bookingOptions(appointment: Loose, patient: Loose): Pick<BookRequest, 'confirmation' | 'consentToMarketing' | 'statusReason'> {
  const options: { confirmation?: string; consentToMarketing?: boolean; statusReason?: string } = {};
  for (const characteristic of extensions(appointment, 'wofconnect-characteristic')) {
    for (const scheduling of extensions(characteristic, 'scheduling')) {
      for (const confirmation of extensions(scheduling, 'bookingConfirmation')) {
        const code = isRecord(confirmation.valueCoding) ? str(confirmation.valueCoding.code) : undefined;
        if (code !== undefined) options.confirmation = code;
      }
    }
  }
  // Declared for Patient, used on Appointment (spec §13.22): read either.
  const consent = [...extensions(appointment, 'extConsentToMarketing'), ...extensions(patient, 'extConsentToMarketing')][0];
  if (typeof consent?.valueBoolean === 'boolean') options.consentToMarketing = consent.valueBoolean;
  const reason = extensions(appointment, 'extension-status-reason')[0];
  const reasonCode = isRecord(reason?.valueCodeableConcept) ? str(records(reason.valueCodeableConcept.coding)[0]?.code) : undefined;
  if (reasonCode !== undefined) options.statusReason = reasonCode;
  return options;
}

function checkPatientResource(patient: Loose): { system: string; value: string } {
  if (patient.resourceType !== 'Patient') throw invalid('patient-resource must be a Patient.');
  const number = personalNumber(records(patient.identifier), 'patient-resource');
  const name = records(patient.name)[0];
  if (name === undefined || str(name.family) === undefined || !Array.isArray(name.given) || str(name.given[0]) === undefined) {
    throw invalid('patient-resource needs a name with family and given.');
  }
  const mobile = records(patient.telecom).find((t) => t.system === 'phone' && (t.use === undefined || t.use === 'mobile') && str(t.value) !== undefined);
  if (mobile === undefined) throw invalid('patient-resource needs a mobile phone number (telecom system phone, use mobile).');
  return number;
}

/** Read and check the `$book` body. */
export function readBookRequest(body: unknown): BookRequest {
  if (!isRecord(body) || body.resourceType !== 'Parameters' || !Array.isArray(body.parameter)) {
    throw invalid('The $book body must be a FHIR Parameters resource.');
  }
  let appointment: Loose | undefined;
  let patient: Loose | undefined;
  let comment: string | undefined;
  for (const parameter of body.parameter) {
    if (!isRecord(parameter) || typeof parameter.name !== 'string') throw invalid('Every Parameters.parameter needs a name.');
    const seen = parameter.name === 'appointment-resource' ? appointment : parameter.name === 'patient-resource' ? patient : parameter.name === 'comment' ? comment : undefined;
    if (seen !== undefined) throw invalid(`Parameter "${parameter.name}" may be given only once.`);
    if (parameter.name === 'appointment-resource' && isRecord(parameter.resource)) appointment = parameter.resource;
    else if (parameter.name === 'patient-resource' && isRecord(parameter.resource)) patient = parameter.resource;
    else if (parameter.name === 'comment' && typeof parameter.valueString === 'string') comment = parameter.valueString;
    else if (parameter.name === 'appointment-reference') throw invalid('appointment-reference is not supported: send the whole appointment-resource.');
    else throw invalid(`Unknown or malformed parameter "${parameter.name}". Supported: appointment-resource, patient-resource, comment.`);
  }
  if (appointment === undefined || appointment.resourceType !== 'Appointment') throw invalid('Parameter "appointment-resource" (an Appointment) is required.');
  if (patient === undefined) throw invalid('Parameter "patient-resource" (a Patient) is required.');
  if (comment !== undefined && comment.length > 2000) throw invalid('comment is too long (2000 characters at most).');
  const status = appointment.status;
  const intent: BookIntent | undefined = status === 'pending' || status === 'proposed' ? 'create' : status === 'booked' ? 'modify' : status === 'cancelled' ? 'cancel' : undefined;
  if (intent === undefined) throw invalid('appointment-resource.status must be pending (create), booked (modify) or cancelled (cancel).');
  const id = str(appointment.id);
  if (intent !== 'create' && id === undefined) throw invalid(`To ${intent} a booking, send its id.`);
  const participants = records(appointment.participant);
  const slot = records(appointment.identifier).find((i) => typeof i.system === 'string' && canonicalName(i.system) === 'slot-id');
  const withTimes = intent !== 'cancel' || appointment.start !== undefined;
  const start = withTimes ? instant(appointment.start, 'start') : undefined;
  const end = withTimes ? instant(appointment.end, 'end') : undefined;
  const roleId = participantRef(participants, 'PractitionerRole');
  const clinicId = participantRef(participants, 'HealthcareService');
  const slotId = str(slot?.value);
  return {
    intent,
    ...(id === undefined ? {} : { id }),
    ...(start === undefined ? {} : { start }),
    ...(end === undefined ? {} : { end }),
    ...(roleId === undefined ? {} : { roleId }),
    ...(clinicId === undefined ? {} : { clinicId }),
    ...(slotId === undefined ? {} : { slotId }),
    ...treatmentOf(appointment),
    patient: patientParticipant(participants),
    patientResource: checkPatientResource(patient),
    ...(comment === undefined ? {} : { comment }),
    ...bookingOptions(appointment, patient),
  };
}
