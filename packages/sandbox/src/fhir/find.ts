/**
 * `Appointment/$find` (spec §5.2): the free times of ONE practitioner role, as ITB answers. Without a
 * practitioner ITB refuses ("a practitioner must be chosen"), so the sandbox answers 400 too.
 * Times inside the clinic's minimum-advance window are still listed — live ITB does not hide them
 * either (spec §14.4) — and `$book` then refuses them.
 * @module
 */
import { PROFILE, SYSTEM, type Appointment, type OperationOutcome } from '@itb/shared';
import type { SeedPractitioner, SeedTreatment } from '../seed/types.js';
import { localInstant } from '../slots/local-time.js';
import { invalid } from '../http/fhir-error.js';
import { readParameters, referenceId, single, type ParameterDefinition, type ParameterValues } from '../http/parameters.js';
import { searchset } from './bundle.js';
import { buildAvailableAppointment, buildBooking } from './resources/appointment.js';
import { liveBase } from './dialect.js';
import type { SandboxServices } from './services.js';

export const FIND_PARAMETERS: readonly ParameterDefinition[] = [
  { name: 'start', min: 1, max: '1', type: 'dateTime', documentation: 'Start of the search window (a date means local midnight at the clinic).' },
  { name: 'end', min: 1, max: '1', type: 'dateTime', documentation: 'End of the search window (exclusive; a date means local midnight at the clinic).' },
  { name: 'practitioner', min: 0, max: '*', type: 'identifier-reference', documentation: 'Identifier-only reference to the logical Practitioner: {system}|{value}.' },
  { name: 'location', min: 0, max: '*', type: 'reference', targets: ['Location'], documentation: 'Area (LocationArea) of the clinic.' },
  { name: 'organization', min: 0, max: '*', type: 'identifier-reference', documentation: 'Identifier-only reference to the billing organisation: {system}|{value}.' },
  { name: 'visit-type', min: 0, max: '*', type: 'token', documentation: 'Treatment code {system}|{code}; every treatment of the role when absent.' },
  { name: 'healthcareService', min: 0, max: '1', type: 'reference', targets: ['HealthcareService'], documentation: 'The clinic.' },
  { name: 'practitionerRole', min: 0, max: '1', type: 'reference', targets: ['PractitionerRole'], documentation: 'The practitioner role; one per call.' },
  { name: '_count', min: 0, max: '1', type: 'string', documentation: 'Most times to return.' },
];

/** ITB's `$find` window limit as the sandbox enforces it. */
export const MAX_WINDOW_DAYS = 31;
const DAY = 86_400_000;

function splitToken(value: string): { system: string | undefined; code: string } {
  const bar = value.lastIndexOf('|');
  return bar === -1 ? { system: undefined, code: value } : { system: value.slice(0, bar), code: value.slice(bar + 1) };
}

/** The one role this call is about, from `practitionerRole` or else the identifier-only `practitioner`. */
function chooseRole(services: SandboxServices, params: ParameterValues): SeedPractitioner {
  const { catalog } = services;
  const roleRef = single(params, 'practitionerRole');
  if (roleRef !== undefined) {
    const role = catalog.practitioner(referenceId(roleRef));
    if (role === undefined) throw invalid(`Unknown practitionerRole ${roleRef}.`);
    return role;
  }
  const wanted = params.get('practitioner') ?? [];
  const roles = catalog.practitioners.filter((role) => {
    const clinic = catalog.clinic(role.clinicId);
    return wanted.some((value) => {
      const { system, code } = splitToken(value);
      return code === role.sourceKey && clinic !== undefined && system !== undefined && system.startsWith(SYSTEM.practitionerPrefix) && system.endsWith(clinic.endpointId);
    });
  });
  if (roles.length === 0) throw invalid('A practitioner must be chosen: send practitionerRole=PractitionerRole/{id} (one per call).');
  if (roles.length > 1) throw invalid('Only one practitioner per call is supported in this API version.');
  return roles[0] as SeedPractitioner;
}

function treatmentsOf(services: SandboxServices, role: SeedPractitioner, params: ParameterValues): SeedTreatment[] {
  const { catalog } = services;
  const visitTypes = params.get('visit-type');
  if (visitTypes === undefined) return role.treatments.map((id) => catalog.treatment(id)).filter((t): t is SeedTreatment => t !== undefined);
  const treatments: SeedTreatment[] = [];
  for (const value of visitTypes) {
    const { system, code } = splitToken(value);
    const treatment = catalog.treatmentByCode(code);
    // Accept both code systems whatever the mode: clients pass codes through as found (spec §9.6).
    if (treatment === undefined || (system !== undefined && system !== SYSTEM.serviceTypeId && system !== SYSTEM.liveServiceType)) {
      throw invalid(`Unknown visit-type "${value}".`);
    }
    if (role.treatments.includes(treatment.id) && !treatments.includes(treatment)) treatments.push(treatment);
  }
  return treatments;
}

/** A window bound: a dateTime as given, or a date as local midnight at the clinic. */
function bound(value: string, timeZone: string): number {
  if (value.length === 10) {
    const [y = 0, m = 1, d = 1] = value.split('-').map(Number);
    return localInstant({ year: y, month: m, day: d, weekday: 1, key: value }, 0, timeZone);
  }
  return Date.parse(value);
}

function notice(diagnostics: string): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'warning', code: 'informational', diagnostics }] };
}

export function find(services: SandboxServices, query: unknown, body: unknown): object {
  const params = readParameters(FIND_PARAMETERS, query, body);
  const { catalog, engine, store, runtime } = services;
  const ctx = services.ctx();
  const role = chooseRole(services, params);
  const clinic = catalog.clinic(role.clinicId);
  if (clinic === undefined) throw new Error(`seed: ${role.roleId} has no clinic`);
  const from = bound(single(params, 'start') ?? '', clinic.timeZone);
  const to = bound(single(params, 'end') ?? '', clinic.timeZone);
  if (!(to > from)) throw invalid('The search window is empty: end must be after start.');
  if (to - from > MAX_WINDOW_DAYS * DAY) throw invalid(`The search window may span at most ${MAX_WINDOW_DAYS} days.`);
  const countParam = single(params, '_count');
  const limit = countParam === undefined ? Number.POSITIVE_INFINITY : Number(countParam);
  if (countParam !== undefined && (!Number.isInteger(limit) || limit < 0)) throw invalid('_count must be a non-negative integer.');

  const clinicRef = single(params, 'healthcareService');
  if (clinicRef !== undefined && catalog.clinic(referenceId(clinicRef)) === undefined) throw invalid(`Unknown healthcareService ${clinicRef}.`);
  for (const area of params.get('location') ?? []) {
    if (catalog.area(referenceId(area)) === undefined) throw invalid(`Unknown location ${area}.`);
  }
  const treatments = treatmentsOf(services, role, params);
  // Different parameters combine as AND, repeats as OR (IHE): a mismatch is simply no times.
  const organizations = params.get('organization');
  const matches = (clinicRef === undefined || referenceId(clinicRef) === clinic.id)
    && (params.get('location') === undefined || (params.get('location') ?? []).some((a) => referenceId(a) === clinic.areaId))
    && (organizations === undefined || organizations.some((o) => splitToken(o).code === clinic.billing.key && (splitToken(o).system ?? '').endsWith(clinic.endpointId)));
  if (!matches || treatments.length === 0) return searchset(ctx, [], { profile: PROFILE.findBundle });
  if (clinic.externalBookingUrl !== undefined) {
    return searchset(ctx, [], { profile: PROFILE.findBundle, outcome: notice('This clinic is booked through an external service.') });
  }
  if (role.offlineReason !== undefined) {
    return searchset(ctx, [], { profile: PROFILE.findBundle, outcome: notice(`The practitioner's booking system is offline: ${role.offlineReason}`) });
  }

  const now = runtime.now();
  const taken = store.takenBy(role.roleId);
  const found: Appointment[] = [];
  const times = treatments.flatMap((treatment) =>
    engine.findSlots({ clinic, practitioner: role, durationMinutes: treatment.durationMinutes, from, to, now, taken }).map((slot) => ({ slot, treatment })));
  times.sort((a, b) => a.slot.start - b.slot.start);
  for (const { slot, treatment } of times.slice(0, limit)) found.push(buildAvailableAppointment(ctx, slot, clinic, role, treatment));
  if (ctx.strict) return searchset(ctx, found, { profile: PROFILE.findBundle });
  // Live answers also list the practitioner's booked and cancelled appointments in the window,
  // with their patient (spec §13.30), and link to themselves under another base (§13.31).
  const notFree = store.all()
    .filter((b) => b.roleId === role.roleId && b.start < to && from < b.end && treatments.some((t) => t.id === b.treatmentId))
    .map((b) => buildBooking(ctx, b, now));
  // `total` counts every time found, also those `_count` left out (larger than the entries).
  return searchset(ctx, [...found, ...notFree], {
    profile: PROFILE.findBundle,
    total: times.length + notFree.length,
    self: `${liveBase(ctx, 'Appointment')}/Appointment/$find?practitionerRole=PractitionerRole/${role.roleId}`,
  });
}
