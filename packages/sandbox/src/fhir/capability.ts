/**
 * `GET [fhir]/metadata`: the CapabilityStatement, built from the parameter declarations of the
 * handlers so that it cannot drift from what the sandbox does.
 * @module
 */
import { IHE_SCHEDULING, PROFILE, WOF_PORTAL } from '@itb/shared';
import type { ParameterDefinition } from '../http/parameters.js';
import { CATALOG_SEARCH_PARAMETERS } from './catalog-reads.js';
import { APPOINTMENT_SEARCH_PARAMETERS, PATIENT_SEARCH_PARAMETERS } from './patient-reads.js';

const OFFERS = `${WOF_PORTAL}/OperationDefinition/get-offers-context`;

function searchParams(definitions: readonly ParameterDefinition[]): object[] {
  return definitions.map((d) => ({ name: d.name, type: d.type === 'reference' ? 'reference' : d.type === 'token' ? 'token' : d.name === 'date' ? 'date' : 'string', documentation: d.documentation }));
}

export function capabilityStatement(fhirBase: string): object {
  const readSearch = [{ code: 'read' }, { code: 'search-type' }];
  return {
    resourceType: 'CapabilityStatement',
    id: 'WOFPortalCapabilityStatement',
    url: `${WOF_PORTAL}/CapabilityStatement/WOFPortalCapabilityStatement`,
    version: '1.0.1',
    name: 'WOFPortalCapabilityStatement',
    title: 'ITB online appointment booking (sandbox)',
    status: 'active',
    date: '2026-01-01',
    publisher: 'ITB Booking sandbox',
    kind: 'instance',
    instantiates: [`${IHE_SCHEDULING}/CapabilityStatement/IHE.Scheduling.server|1.0.0`],
    software: { name: '@itb/sandbox' },
    implementation: { description: 'Local stand-in for the ITB FHIR API', url: fhirBase },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [{
      mode: 'server',
      security: { service: [{ text: 'OAuth bearer tokens: system token (auth/system-token, X-ApiKey) or patient token (OpenID Connect)' }] },
      resource: [
        { type: 'ActivityDefinition', supportedProfile: [PROFILE.activityDefinition], interaction: readSearch, searchParam: searchParams(CATALOG_SEARCH_PARAMETERS.ActivityDefinition), operation: [{ name: 'get-offers-context', definition: OFFERS }] },
        { type: 'HealthcareService', supportedProfile: [PROFILE.healthcareService], interaction: readSearch, searchParam: searchParams(CATALOG_SEARCH_PARAMETERS.HealthcareService), operation: [{ name: 'get-offers-context', definition: OFFERS }] },
        { type: 'PractitionerRole', supportedProfile: [PROFILE.practitionerRole], interaction: readSearch, searchParam: searchParams(CATALOG_SEARCH_PARAMETERS.PractitionerRole), operation: [{ name: 'get-offers-context', definition: OFFERS }] },
        { type: 'Organization', supportedProfile: [PROFILE.serviceProvider], interaction: readSearch, searchParam: searchParams(CATALOG_SEARCH_PARAMETERS.Organization) },
        { type: 'Location', supportedProfile: [PROFILE.locationArea], interaction: [{ code: 'search-type' }], searchParam: searchParams(CATALOG_SEARCH_PARAMETERS.Location) },
        {
          type: 'Appointment',
          supportedProfile: [PROFILE.appointment, PROFILE.availableAppointment],
          interaction: readSearch,
          searchParam: searchParams(APPOINTMENT_SEARCH_PARAMETERS),
          operation: [
            { name: 'find', definition: `${WOF_PORTAL}/OperationDefinition/FindAppointments` },
            { name: 'book', definition: `${WOF_PORTAL}/OperationDefinition/BookAppointment` },
          ],
        },
        { type: 'Patient', supportedProfile: [PROFILE.patient, 'http://hl7.se/fhir/ig/base/StructureDefinition/SEBasePatient'], interaction: readSearch, searchParam: searchParams(PATIENT_SEARCH_PARAMETERS) },
      ],
      operation: [{ name: 'getOffersContext', definition: OFFERS }],
    }],
  };
}
