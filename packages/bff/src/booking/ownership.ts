/**
 * Whose appointment is this? The BFF checks it itself on every patient read and change, even
 * though ITB scopes answers to the token's patient (defence in depth: a lenient or buggy upstream
 * must not turn into one patient seeing or changing another's booking).
 * @module
 */
import type { PublicLinks } from '../fhir/public-links.js';
import { PERSONAL_NUMBER_SYSTEM, patientOf, type Appointment, type Bundle, type Patient } from '@itb/shared';

/** Systems that name the same register (the live API uses both Swedish spellings, spec §9.5). */
const SAME_REGISTER: ReadonlyArray<ReadonlySet<string>> = [
  new Set([PERSONAL_NUMBER_SYSTEM.sePersonnummer, PERSONAL_NUMBER_SYSTEM.sePersonnummerHttp]),
];

function sameSystem(a: string, b: string): boolean {
  return a === b || SAME_REGISTER.some((set) => set.has(a) && set.has(b));
}

/** Personal numbers compared as digits within the same register. */
export function samePersonalNumber(a: { system?: string | undefined; value?: string | undefined } | undefined, b: { system: string; value: string }): boolean {
  if (a?.system === undefined || a.value === undefined) return false;
  return sameSystem(a.system, b.system) && a.value.replace(/\D/g, '') === b.value.replace(/\D/g, '');
}

/** True when the appointment's patient participant is `personalNumber`. Never throws. */
export function belongsTo(appointment: Appointment, personalNumber: { system: string; value: string }): boolean {
  try {
    return samePersonalNumber(patientOf(appointment), personalNumber);
  } catch {
    return false;
  }
}

/** The Appointments in a searchset that belong to `personalNumber`. */
export function ownAppointments(body: unknown, personalNumber: { system: string; value: string }): Appointment[] {
  const bundle = body as Bundle | undefined;
  if (bundle?.resourceType !== 'Bundle' || !Array.isArray(bundle.entry)) return [];
  return bundle.entry
    .map((entry) => entry.resource)
    .filter((resource): resource is Appointment => resource?.resourceType === 'Appointment')
    .filter((appointment) => belongsTo(appointment, personalNumber));
}

/** The Patient in an answer (resource or searchset) whose identifier is `personalNumber`. */
export function ownPatient(body: unknown, personalNumber: { system: string; value: string }): Patient | undefined {
  const resource = body as { resourceType?: string; entry?: Array<{ resource?: unknown }> } | undefined;
  const candidates: Patient[] = resource?.resourceType === 'Patient'
    ? [resource as Patient]
    : (resource?.resourceType === 'Bundle' && Array.isArray(resource.entry) ? resource.entry.map((e) => e?.resource as Patient) : []);
  return candidates.find((patient) => patient?.resourceType === 'Patient'
    && (patient.identifier ?? []).some((identifier) => samePersonalNumber(identifier, personalNumber)));
}

/** A searchset of `appointments` with our own fullUrls (upstream addresses stay upstream). */
export function appointmentBundle(appointments: readonly Appointment[], links: Pick<PublicLinks, 'fullUrlOf'>): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: appointments.length,
    entry: appointments.map((appointment) => ({
      ...(appointment.id === undefined ? {} : { fullUrl: links.fullUrlOf('Appointment', appointment.id) }),
      resource: appointment,
      search: { mode: 'match' },
    })),
  };
}
