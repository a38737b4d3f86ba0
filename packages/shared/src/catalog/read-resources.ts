/**
 * ActivityDefinitionPortal → {@link Treatment}, PractitionerRolePortal → {@link Practitioner},
 * OfferPortal → {@link Offer} (spec §7.1, §7.5, §7.6, §8.10, §8.11).
 * @module
 */
import { arrayOf, findExtension, findExtensions, isRecord, numberValue, stringOf, subExtensions, textValue } from '../fhir/extensions.js';
import { referenceId } from '../fhir/references.js';
import { EXT, SYSTEM } from '../fhir/urls.js';
import type { Offer, Practitioner, Treatment } from './catalog-types.js';
import { practitionerPhoto } from './read-photo.js';

type Loose = Record<string, unknown>;

/** Split a `{system}|{code}` token; a token without `|` is a bare code. */
export function splitVisitType(token: string): { system: string; code: string } {
  const bar = token.lastIndexOf('|');
  return bar < 0 ? { system: '', code: token } : { system: token.slice(0, bar), code: token.slice(bar + 1) };
}

function treatmentCode(ad: Loose): { system: string; code: string } | undefined {
  const codings = isRecord(ad.code) ? arrayOf(ad.code.coding).filter(isRecord) : [];
  const usable = codings
    .map((c) => ({ system: stringOf(c.system), code: stringOf(c.code) }))
    .filter((c): c is { system: string; code: string } => c.system !== undefined && c.code !== undefined);
  // Prefer the profile's service-type-id coding when several are present; live data has only one (§13.3).
  return usable.find((c) => c.system.replace(/^https?:/, '') === SYSTEM.serviceTypeId.replace(/^https?:/, '')) ?? usable[0];
}

/** Read one ActivityDefinition. */
export function readTreatment(ad: Loose, id: string): Treatment {
  const code = treatmentCode(ad) ?? { system: '', code: '' };
  const sortKey = numberValue(findExtension(ad, EXT.sortKey));
  const campaigns = findExtensions(ad, EXT.campaigns)
    .flatMap((e) => subExtensions(e, 'campaign'))
    .map(textValue)
    .filter((c): c is string => c !== undefined);
  const optional = { subtitle: stringOf(ad.subtitle), description: stringOf(ad.description), sortKey };
  return {
    id,
    title: stringOf(ad.title) ?? stringOf(ad.name) ?? id,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
    code,
    visitType: code.system === '' && code.code === '' ? '' : `${code.system}|${code.code}`,
    campaigns: [...new Set(campaigns)],
  };
}

/** A treatment known only from an offer: its reference display and, if present, the `visit-type` part. */
export function partialTreatment(id: string, display: string | undefined, visitType: string | undefined): Treatment {
  const code = visitType === undefined ? { system: '', code: '' } : splitVisitType(visitType);
  return { id, title: display ?? id, code, visitType: visitType ?? '', campaigns: [], partial: true };
}

function roleText(code: unknown): string | undefined {
  if (!isRecord(code)) return undefined;
  const coding = arrayOf(code.coding).find(isRecord);
  return stringOf(code.text) ?? (coding === undefined ? undefined : stringOf(coding.display) ?? stringOf(coding.code));
}

/** Read one PractitionerRole. */
export function readPractitioner(role: Loose, id: string): Practitioner {
  const services = Array.isArray(role.healthcareService) ? role.healthcareService : [role.healthcareService];
  const clinicId = services.map((s) => referenceId(s, 'HealthcareService')).find((s) => s !== undefined);
  const optional = {
    description: textValue(findExtension(role, EXT.practitionerRoleDescription)),
    photo: practitionerPhoto(role),
    clinicId,
  };
  return {
    id,
    name: (isRecord(role.practitioner) ? stringOf(role.practitioner.display) : undefined) ?? id,
    roles: arrayOf(role.code).map(roleText).filter((r): r is string => r !== undefined),
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
    active: role.active !== false,
  };
}

/** A practitioner known only from an offer's reference. */
export function partialPractitioner(id: string, display: string | undefined, clinicId: string): Practitioner {
  return { id, name: display ?? id, roles: [], clinicId, active: true, partial: true };
}

/** The treatment and clinic ids an OfferPortal's `offering` names (either may be missing). */
export function offerTarget(parameters: Loose): { treatmentId?: string; clinicId?: string } {
  const offering = arrayOf(parameters.parameter).filter(isRecord).find((p) => p.name === 'offering');
  const parts = arrayOf(offering?.part).filter(isRecord);
  const ref = (name: string, type: string) => referenceId(parts.find((p) => p.name === name)?.valueReference, type);
  const treatmentId = ref('activityDefinition', 'ActivityDefinition');
  const clinicId = ref('healthcareService', 'HealthcareService');
  return { ...(treatmentId === undefined ? {} : { treatmentId }), ...(clinicId === undefined ? {} : { clinicId }) };
}

/** An offer with the reference displays needed to build partial entries. */
export interface ReadOffer {
  readonly offer: Offer;
  readonly displays: { readonly treatment?: string; readonly clinic?: string; readonly practitioner?: string };
}

function partValue(part: Loose): string | undefined {
  for (const key of ['valueString', 'valueUrl', 'valueUri', 'valueCode', 'valueMarkdown']) {
    const value = stringOf(part[key]);
    if (value !== undefined) return value;
  }
  for (const key of ['valueInteger', 'valueDecimal', 'valuePositiveInt', 'valueUnsignedInt']) {
    if (typeof part[key] === 'number' && Number.isFinite(part[key])) return String(part[key]);
  }
  return undefined;
}

/**
 * Read the offers in one OfferPortal (normally one `offering`). Offers missing the treatment,
 * clinic or practitioner reference are dropped: they cannot be booked or shown in context.
 */
export function readOffers(parameters: Loose, baseId: string | undefined): ReadOffer[] {
  const offerings = arrayOf(parameters.parameter).filter(isRecord).filter((p) => p.name === 'offering');
  return offerings.flatMap((offering, index): ReadOffer[] => {
    const parts = arrayOf(offering.part).filter(isRecord);
    const part = (name: string) => parts.find((p) => p.name === name);
    const ref = (name: string, type: string) => {
      const value = part(name)?.valueReference;
      return { id: referenceId(value, type), display: isRecord(value) ? stringOf(value.display) : undefined };
    };
    const treatment = ref('activityDefinition', 'ActivityDefinition');
    const clinic = ref('healthcareService', 'HealthcareService');
    const practitioner = ref('practitionerRole', 'PractitionerRole');
    if (treatment.id === undefined || clinic.id === undefined || practitioner.id === undefined) return [];
    const text = (name: string) => {
      const found = part(name);
      return found === undefined ? undefined : partValue(found);
    };
    const online = part('isOnline')?.valueBoolean;
    const offlineReason = text('offlineReason');
    const isOnline = typeof online === 'boolean' ? online : offlineReason === undefined;
    const optional = {
      duration: text('duration'),
      price: text('price'),
      bookingUrl: text('bookingUrl'),
      offlineReason,
      visitType: text('visit-type'),
      practitionerKey: text('practitioner'),
      organizationKey: text('organization'),
    };
    const id = baseId === undefined
      ? `${clinic.id}|${treatment.id}|${practitioner.id}`
      : offerings.length > 1 ? `${baseId}#${index}` : baseId;
    const displays = Object.fromEntries(Object.entries({ treatment: treatment.display, clinic: clinic.display, practitioner: practitioner.display }).filter(([, v]) => v !== undefined));
    return [{
      offer: {
        id,
        treatmentId: treatment.id,
        clinicId: clinic.id,
        practitionerRoleId: practitioner.id,
        isOnline,
        ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
      },
      displays,
    }];
  });
}
