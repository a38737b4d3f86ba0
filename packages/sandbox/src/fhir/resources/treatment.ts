/**
 * ActivityDefinitionPortal (spec §7.1): a treatment, booked by its code.
 * @module
 */
import { PROFILE, type ActivityDefinitionPortal, type Extension } from '@itb/shared';
import type { SeedTreatment } from '../../seed/types.js';
import { extensionUrl, treatmentCoding, type FhirContext } from '../dialect.js';

export function buildTreatment(ctx: FhirContext, treatment: SeedTreatment): ActivityDefinitionPortal {
  const extension: Extension[] = [{ url: extensionUrl(ctx, 'sortKey', 'treatment'), valueInteger: treatment.sortKey }];
  if (treatment.campaigns !== undefined && treatment.campaigns.length > 0) {
    extension.push({ url: extensionUrl(ctx, 'campaigns'), extension: treatment.campaigns.map((code) => ({ url: 'campaign', valueCode: code })) });
  }
  return {
    resourceType: 'ActivityDefinition',
    id: treatment.id,
    meta: { versionId: '1', profile: [PROFILE.activityDefinition] },
    extension,
    name: treatment.code.charAt(0).toUpperCase() + treatment.code.slice(1),
    title: treatment.title,
    ...(treatment.subtitle === undefined ? {} : { subtitle: treatment.subtitle }),
    status: 'active',
    date: '2026-03-01',
    description: treatment.description,
    kind: 'ServiceRequest',
    code: { coding: [treatmentCoding(ctx, treatment)] },
  };
}
