/**
 * The server decides what is booked. The browser's Appointment only *names* a time (practitioner,
 * start, slot id); what create and modify send ITB is the time an upstream `$find` offers right
 * now, at the practitioner's own clinic as ITB describes it, for a treatment the request may book.
 * Anything the browser says beyond that must agree with the offer, or the request is refused
 * before anything is sent to `$book`.
 * @module
 */
import type { FastifyRequest } from 'fastify';
import {
  CAMPAIGN_PARAM, RESOURCE_ID_PATTERN, campaignAllowsAt, isResourceId, offerBookability, participantId, readAvailability, slotIdentifierOf, treatmentIdOf,
  type Appointment, type Clinic,
} from '@itb/shared';
import { unlockedTags } from '../campaigns/campaign-unlock.js';
import { OutcomeError } from '../errors.js';
import { findForPractitioner } from '../availability/practitioner-find.js';

/** A time ITB offers, and where and what it is. */
export interface OfferedTime {
  /** The `$find` entry exactly as ITB offered it. */
  readonly appointment: Appointment;
  /** The practitioner's own clinic (its rules decide). */
  readonly clinic: Clinic;
  readonly practitionerRoleId: string;
  readonly treatmentId: string;
}

/** What the time must also be (modify: the booking's clinic and treatment). */
export interface OfferedTimeConstraints {
  readonly clinicId?: string | undefined;
  readonly treatmentId?: string | undefined;
}

/** How far ahead of the named start the upstream search looks: the named time is at its start. */
const SEARCH_WINDOW_MS = 60 * 60_000;

function notOffered(detail: string): OutcomeError {
  return new OutcomeError('not-offered', 'This time was not offered for this booking; choose a time again.', { detail });
}

/** An id the browser named, checked with the one id rule before it goes anywhere near an upstream URL. */
function browserId(value: string | undefined, what: string): string | undefined {
  if (value === undefined) return undefined;
  if (!isResourceId(value)) throw new OutcomeError('invalid-parameter', `The appointment names an invalid ${what}.`);
  return value;
}

const instant = (value: string | undefined): number => (value === undefined ? Number.NaN : Date.parse(value));

/** How the BFF hands references to the browser (relative `Type/id`), and so the only form it takes back. */
const BROWSER_REFERENCE = new RegExp(`^[A-Z][A-Za-z]{2,63}/${RESOURCE_ID_PATTERN}$`);

/** Every reference in the browser's Appointment must be a plain `Type/id` with a valid id. */
function checkBrowserReferences(appointment: Appointment): void {
  const references = [
    ...(appointment.participant ?? []).map((p) => p.actor?.reference),
    ...(appointment.extension ?? []).map((e) => e.valueReference?.reference),
  ];
  if (references.some((reference) => reference !== undefined && !BROWSER_REFERENCE.test(reference))) {
    throw new OutcomeError('invalid-parameter', "The appointment holds a reference that is not 'Type/id'.");
  }
}

/** What the browser's Appointment names, checked without asking anyone (ids by the one id rule). */
export interface NamedTime {
  readonly requested: Appointment;
  readonly practitionerRoleId: string;
  readonly clinicId: string | undefined;
  readonly treatmentId: string | undefined;
  readonly start: number;
  readonly slotId: string | undefined;
}

/** Read and check what `requested` names; 400 for malformed references, ids or start. Pure: no I/O. */
export function namedTime(requested: Appointment): NamedTime {
  checkBrowserReferences(requested);
  const practitionerRoleId = browserId(participantId(requested, 'PractitionerRole'), 'practitioner');
  const clinicId = browserId(participantId(requested, 'HealthcareService'), 'clinic');
  const treatmentId = browserId(treatmentIdOf(requested), 'treatment');
  const start = instant(requested.start);
  if (practitionerRoleId === undefined) throw new OutcomeError('invalid-parameter', 'The appointment names no practitioner.');
  if (!Number.isFinite(start)) throw new OutcomeError('invalid-parameter', 'The appointment has no valid start.');
  return { requested, practitionerRoleId, clinicId, treatmentId, start, slotId: slotIdentifierOf(requested) };
}

/**
 * The offered time `named` names. Refusals: 422 `not-offered` when the practitioner, clinic,
 * treatment or end do not match what ITB offers (or `constraints`), 422 `clinic-inactive` /
 * `external-booking` / `offer-offline` / `campaign-required`, and 409 `slot-taken` when ITB no
 * longer offers the time.
 */
export async function offeredTime(request: FastifyRequest, named: NamedTime, constraints: OfferedTimeConstraints = {}): Promise<OfferedTime> {
  const app = request.server;
  const { requested, practitionerRoleId: roleId, clinicId: namedClinicId, treatmentId: namedTreatmentId, start, slotId } = named;
  const { catalog } = await app.catalogSource.systemCatalog();
  const practitioner = catalog.practitioners.get(roleId);
  const clinicId = practitioner?.clinicId;
  if (practitioner === undefined || clinicId === undefined) throw notOffered('unknown practitioner');
  if (catalog.inactiveClinicIds.has(clinicId)) throw new OutcomeError('clinic-inactive', 'This clinic is not taking bookings.');
  const clinic = catalog.clinics.get(clinicId);
  if (clinic === undefined) throw notOffered('unknown clinic');
  // The clinic is the practitioner's own; a browser naming another one is refused, not believed.
  if ((namedClinicId !== undefined && namedClinicId !== clinicId) || (constraints.clinicId !== undefined && constraints.clinicId !== clinicId)) {
    throw notOffered('clinic');
  }
  const treatmentId = constraints.treatmentId ?? namedTreatmentId;
  if (treatmentId === undefined || (namedTreatmentId !== undefined && namedTreatmentId !== treatmentId)) throw notOffered('treatment');
  const offer = catalog.offers.find((o) => o.clinicId === clinicId && o.practitionerRoleId === roleId && o.treatmentId === treatmentId);
  if (offer === undefined) throw notOffered('offer');
  if (clinic.info.hasExternalBooking) throw new OutcomeError('external-booking', 'This clinic is booked through another service.');
  const bookability = offerBookability(offer);
  if (!bookability.bookable) {
    if (bookability.reason === 'offer-offline') throw new OutcomeError('offer-offline', 'This treatment cannot be booked online right now.');
    throw notOffered('treatment not searchable');
  }
  const unlocked = unlockedTags(app.config.campaigns, (request.query as Record<string, unknown> | undefined)?.[CAMPAIGN_PARAM], app.now());
  if (!campaignAllowsAt(catalog.treatments.get(treatmentId)?.campaigns ?? [], clinicId, unlocked)) {
    throw new OutcomeError('campaign-required', 'This treatment can only be booked with a valid campaign code.');
  }

  const answer = await findForPractitioner(app, {
    practitionerRoleId: roleId,
    clinicId,
    start: new Date(start).toISOString(),
    end: new Date(start + SEARCH_WINDOW_MS).toISOString(),
    visitType: offer.visitType,
  });
  const match = readAvailability(answer).times.find((t) => t.practitionerRoleId === roleId
    && instant(t.start) === start
    && (slotId === undefined || t.slotId === slotId)
    && (t.treatmentId === undefined || t.treatmentId === treatmentId));
  if (match === undefined) throw new OutcomeError('slot-taken', 'The chosen time is no longer free; pick another time.');
  if (requested.end !== undefined && instant(requested.end) !== instant(match.end)) throw notOffered('end');
  return { appointment: match.appointment, clinic, practitionerRoleId: roleId, treatmentId };
}
