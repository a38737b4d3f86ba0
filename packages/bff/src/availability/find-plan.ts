/**
 * Turning a validated `$find` query into upstream calls, one per practitioner (ITB answers for one
 * practitioner at a time, spec §5.2.1): ids checked against the system catalog, "any practitioner"
 * expanded to the clinic's online offers of the treatment, offline offers and external-booking
 * clinics refused with the reason the widget explains.
 * @module
 */
import type { Catalog, Clinic, Treatment } from '@itb/shared';
import { OutcomeError } from '../errors.js';

/** The parsed query (ids without their `Type/` prefix). */
export interface FindQuery {
  readonly start: string;
  readonly end: string;
  readonly visitType?: string;
  readonly healthcareService?: string;
  readonly practitionerRoles: readonly string[];
}

/** One upstream `$find` call. */
export interface PractitionerCall {
  readonly practitionerRoleId: string;
  readonly clinicId: string | undefined;
  /** The clinic's minimum advance booking, for dropping times that are too soon. */
  readonly minimumAdvanceBookingMinutes: number | undefined;
}

/** What to call, and practitioners left out because their offer is offline. */
export interface FindPlan {
  readonly calls: readonly PractitionerCall[];
  readonly offline: readonly { readonly practitionerRoleId: string; readonly diagnostics: string }[];
}

function treatmentFor(catalog: Catalog, visitType: string): Treatment | undefined {
  for (const treatment of catalog.treatments.values()) if (treatment.visitType === visitType) return treatment;
  const offer = catalog.offers.find((o) => o.visitType === visitType);
  return offer === undefined ? undefined : catalog.treatments.get(offer.treatmentId);
}

function clinicOrThrow(catalog: Catalog, id: string): Clinic {
  if (catalog.inactiveClinicIds.has(id)) throw new OutcomeError('clinic-inactive', 'This clinic is not taking bookings.');
  const clinic = catalog.clinics.get(id);
  if (clinic === undefined) throw new OutcomeError('invalid-parameter', "Unknown 'healthcareService'.", { expression: ['healthcareService'] });
  if (clinic.info.hasExternalBooking) {
    throw new OutcomeError('external-booking', 'This clinic takes bookings on its own booking page.');
  }
  return clinic;
}

/** May this request search `treatmentId` at `clinicId` (campaign-only treatments need their code)? */
export type TreatmentAllowed = (treatmentId: string, clinicId: string | undefined) => boolean;

function campaignRequired(): OutcomeError {
  return new OutcomeError('campaign-required', 'This treatment can only be booked with a valid campaign code.');
}

const largest = new WeakMap<Catalog, number>();

/** The most practitioners any one clinic has offers for: what one honest `$find` can name. */
export function largestClinicSize(catalog: Catalog): number {
  let known = largest.get(catalog);
  if (known === undefined) {
    const byClinic = new Map<string, Set<string>>();
    for (const offer of catalog.offers) {
      const roles = byClinic.get(offer.clinicId) ?? new Set<string>();
      roles.add(offer.practitionerRoleId);
      byClinic.set(offer.clinicId, roles);
    }
    known = Math.max(1, ...[...byClinic.values()].map((roles) => roles.size));
    largest.set(catalog, known);
  }
  return known;
}

/**
 * Plan the upstream calls for `query`. Throws OutcomeError for more than `maxPractitioners`
 * distinct practitioners (each is an upstream call), unknown ids, unbookable offers and a
 * campaign-only treatment the request has no valid code for.
 */
export function planFind(catalog: Catalog, query: FindQuery, allows: TreatmentAllowed, maxPractitioners = largestClinicSize(catalog)): FindPlan {
  const named = new Set(query.practitionerRoles).size;
  if (named > maxPractitioners) {
    throw new OutcomeError('invalid-parameter', `At most ${maxPractitioners} different 'practitionerRole' values per search.`, { expression: ['practitionerRole'] });
  }
  const clinic = query.healthcareService === undefined ? undefined : clinicOrThrow(catalog, query.healthcareService);
  const treatment = query.visitType === undefined ? undefined : treatmentFor(catalog, query.visitType);
  if (query.visitType !== undefined && treatment === undefined) throw new OutcomeError('invalid-parameter', "Unknown 'visit-type'.", { expression: ['visit-type'] });

  let roleIds = [...new Set(query.practitionerRoles)];
  if (roleIds.length === 0) {
    if (clinic === undefined || treatment === undefined) {
      throw new OutcomeError('invalid-parameter', "'practitionerRole' is required unless 'healthcareService' and 'visit-type' are both given.", { expression: ['practitionerRole'] });
    }
    if (!allows(treatment.id, clinic.id)) throw campaignRequired();
    roleIds = [...new Set(catalog.offers.filter((o) => o.clinicId === clinic.id && o.treatmentId === treatment.id).map((o) => o.practitionerRoleId))];
  }

  const calls: PractitionerCall[] = [];
  const offline: { practitionerRoleId: string; diagnostics: string }[] = [];
  for (const roleId of roleIds) {
    const practitioner = catalog.practitioners.get(roleId);
    if (practitioner === undefined) throw new OutcomeError('invalid-parameter', "Unknown 'practitionerRole'.", { expression: ['practitionerRole'] });
    const clinicId = practitioner.clinicId ?? clinic?.id;
    if (clinic !== undefined && clinicId !== clinic.id) {
      throw new OutcomeError('invalid-parameter', "A 'practitionerRole' does not work at the given 'healthcareService'.", { expression: ['practitionerRole', 'healthcareService'] });
    }
    const practitionerClinic = clinicId === undefined ? undefined : (clinic ?? clinicOrThrow(catalog, clinicId));
    if (treatment !== undefined && !allows(treatment.id, clinicId)) throw campaignRequired();
    const offers = catalog.offers.filter((o) => o.practitionerRoleId === roleId && (treatment === undefined || o.treatmentId === treatment.id));
    if (offers.length > 0 && offers.every((o) => !o.isOnline)) {
      offline.push({ practitionerRoleId: roleId, diagnostics: offers[0]?.offlineReason ?? 'Not bookable online right now.' });
      continue;
    }
    calls.push({ practitionerRoleId: roleId, clinicId, minimumAdvanceBookingMinutes: practitionerClinic?.bookingRules.minimumAdvanceBookingMinutes });
  }
  if (calls.length === 0 && offline.length > 0) {
    throw new OutcomeError('offer-offline', offline[0]?.diagnostics ?? 'Not bookable online right now.');
  }
  return { calls, offline };
}
