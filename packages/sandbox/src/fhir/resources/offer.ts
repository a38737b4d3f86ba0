/**
 * OfferPortal (spec §7.6): what × where × who with display settings. Live offers carry extra
 * parts (`visit-type`, `practitioner`, `organization`) and a relative `$find` bookingUrl with a
 * date-only window (§13.15, §13.27); strict mode leaves those out.
 * @module
 */
import { PROFILE, type OfferPortal, type ParametersParameter } from '@itb/shared';
import type { SeedOffer } from '../../seed/catalog.js';
import { ORGANIZATION } from '../../seed/organization.js';
import { addDays, localDayOf } from '../../slots/local-time.js';
import { visitType, type FhirContext } from '../dialect.js';
import { practitionerDisplay } from './practitioner-role.js';

export function buildOffer(ctx: FhirContext, offer: SeedOffer, now: number): OfferPortal {
  const { treatment, clinic, practitioner } = offer;
  const part: ParametersParameter[] = [
    { name: 'activityDefinition', valueReference: { reference: `ActivityDefinition/${treatment.id}`, display: treatment.title } },
    { name: 'healthcareService', valueReference: { reference: `HealthcareService/${clinic.id}`, display: clinic.name } },
    { name: 'practitionerRole', valueReference: { reference: `PractitionerRole/${practitioner.roleId}`, display: practitionerDisplay(practitioner, clinic) } },
    { name: 'duration', valueString: offer.duration },
    { name: 'price', valueString: offer.price },
    { name: 'isOnline', valueBoolean: offer.isOnline },
  ];
  if (offer.offlineReason !== undefined) part.push({ name: 'offlineReason', valueString: offer.offlineReason });
  if (!ctx.strict) {
    // Live bookingUrls come in two shapes (spec §13.15): a relative $find URL with a date-only
    // window, and a web deep link. Swedish clinics get the first, Norwegian ones the second.
    const today = localDayOf(now, clinic.timeZone);
    const bookingUrl = clinic.country === 'SE'
      ? `/fhir/Appointment/$find?start=${today.key}&end=${addDays(today, 7).key}&visit-type=${visitType(ctx, treatment)}&healthcareService=HealthcareService/${clinic.id}&practitionerRole=PractitionerRole/${practitioner.roleId}`
      : `${ORGANIZATION.website}/bestill/${clinic.urlPlaceholder}`;
    part.push({ name: 'bookingUrl', valueUrl: bookingUrl });
    // An unlisted treatment is named only by the bookingUrl, or not at all (spec §13.32).
    if (treatment.unlisted !== true) part.push({ name: 'visit-type', valueString: visitType(ctx, treatment) });
    part.push(
      { name: 'practitioner', valueString: practitioner.sourceKey },
      { name: 'organization', valueString: clinic.billing.key },
    );
  }
  return {
    resourceType: 'Parameters',
    id: offer.id,
    meta: { profile: [PROFILE.offer] },
    parameter: [{ name: 'offering', part }],
  };
}
