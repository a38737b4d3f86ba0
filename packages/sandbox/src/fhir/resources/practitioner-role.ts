/**
 * PractitionerRolePortal (spec §7.5): a practitioner at one clinic, billed by one entity, with a
 * contained avatar.
 * @module
 */
import { SYSTEM, WOF_PURIFIED, PROFILE, type PractitionerRolePortal } from '@itb/shared';
import { avatar } from '../../seed/images.js';
import type { SeedClinic, SeedPractitioner } from '../../seed/types.js';
import { extensionUrl, referenceTo, type FhirContext } from '../dialect.js';

const ROLE_TEXT: Readonly<Record<SeedPractitioner['role'], { SE: string; NO: string }>> = {
  dentist: { SE: 'Tandläkare', NO: 'Tannlege' },
  hygienist: { SE: 'Tandhygienist', NO: 'Tannpleier' },
  orthodontist: { SE: 'Ortodontist', NO: 'Kjeveortoped' },
  endodontist: { SE: 'Endodontist', NO: 'Endodontist' },
};

/** What patients see: title and name, e.g. "Tandläkare Anna Berg". */
export function practitionerDisplay(practitioner: SeedPractitioner, clinic: SeedClinic): string {
  return `${ROLE_TEXT[practitioner.role][clinic.country]} ${practitioner.givenName} ${practitioner.familyName}`;
}

export function buildPractitionerRole(ctx: FhirContext, practitioner: SeedPractitioner): PractitionerRolePortal {
  const clinic = ctx.catalog.clinic(practitioner.clinicId);
  if (clinic === undefined) throw new Error(`seed: unknown clinic ${practitioner.clinicId}`);
  const quirky = !ctx.strict;
  // One live example glues the endpoint id to the system without a slash (spec §13.12), another
  // puts a ValueSet URL into a role coding's system (§13.18).
  const practitionerSystem = quirky && practitioner.roleId === 'pr-johan-ek-sto'
    ? `${SYSTEM.practitionerPrefix}${clinic.endpointId}`
    : `${SYSTEM.practitionerPrefix}/${clinic.endpointId}`;
  const roleSystem = quirky && practitioner.roleId === 'pr-nora-lie-osl' ? `${WOF_PURIFIED}/ValueSet/vsPractitionerRole` : SYSTEM.livePractitionerRole;
  const initials = `${practitioner.givenName.charAt(0)}${practitioner.familyName.charAt(0)}`;
  return {
    resourceType: 'PractitionerRole',
    id: practitioner.roleId,
    meta: { versionId: '1', profile: [PROFILE.practitionerRole] },
    contained: [{ resourceType: 'Binary', id: 'avatar', ...avatar(initials, clinic.colour) }],
    extension: [
      { url: extensionUrl(ctx, 'practitionerRoleDescription'), valueString: practitioner.description },
      { url: extensionUrl(ctx, 'binaryReference'), valueReference: { reference: '#avatar' } },
    ],
    active: true,
    code: [{ coding: [{ system: roleSystem, code: practitioner.role }], text: ROLE_TEXT[practitioner.role][clinic.country] }],
    practitioner: {
      identifier: { system: practitionerSystem, value: practitioner.sourceKey },
      display: practitionerDisplay(practitioner, clinic),
    },
    organization: {
      identifier: { system: `${SYSTEM.billingOrganizationPrefix}/${clinic.endpointId}`, value: clinic.billing.key },
      display: clinic.billing.name,
    },
    healthcareService: [{ reference: referenceTo(ctx, 'HealthcareService', clinic.id), display: clinic.name }],
  };
}
