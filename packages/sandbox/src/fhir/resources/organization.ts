/**
 * ServiceProviderPortal (spec §7.12): the tenant, with its banner and display settings.
 * @module
 */
import { PROFILE, WOF_PURIFIED, type Extension, type Organization } from '@itb/shared';
import { banner } from '../../seed/images.js';
import { ORGANIZATION } from '../../seed/organization.js';
import { extensionUrl, type FhirContext } from '../dialect.js';

const CODE_SETTINGS = new Set(['showPricesForTreatments', 'showPricesAtBookingConfirmation', 'showPractitionerAvatar', 'showClinicImage', 'bannerTextPosition']);

export function buildOrganization(ctx: FhirContext): Organization {
  const settings: Extension[] = Object.entries(ORGANIZATION.settings).map(([name, value]) => {
    if (typeof value === 'boolean') return { url: name, valueBoolean: value };
    return CODE_SETTINGS.has(name) ? { url: name, valueCode: value } : { url: name, valueString: value };
  });
  const organization: Organization = {
    resourceType: 'Organization',
    id: ORGANIZATION.id,
    meta: { versionId: '1', profile: [PROFILE.serviceProvider] },
    contained: [{ resourceType: 'Binary', id: 'banner', ...banner() }],
    extension: [
      { url: extensionUrl(ctx, 'bannerImage'), valueReference: { reference: '#banner' } },
      { url: extensionUrl(ctx, 'organizationSettings'), extension: settings },
    ],
    identifier: [
      { system: 'http://ki.purified.link/wof-mobileform/fhir/CodeSystem/MobileFormTenantsCs', value: ORGANIZATION.mobileFormTenant },
      { system: `${WOF_PURIFIED}/CodeSystem/nameAsCode`, value: ORGANIZATION.nameAsCode },
    ],
    active: true,
    name: ORGANIZATION.name,
    telecom: [{ system: 'url', value: ORGANIZATION.website }],
  };
  if (!ctx.strict && organization.meta !== undefined) {
    // Live responses carry an undeclared meta extension (spec §7.12).
    organization.meta.extension = [{ url: `${WOF_PURIFIED}/StructureDefinition/extWofMeta`, extension: [{ url: 'created', valueDateTime: '2024-02-01T09:00:00+00:00' }] }];
  }
  return organization;
}
