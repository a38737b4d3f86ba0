import { describe, expect, it } from 'vitest';
import { createPublicLinks, urnFor } from './public-links.js';

const BASE = 'https://booking.clinic.example/booking-api/fhir';
const URN_UUID = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('fullUrls for a partner (issue 21, point 4)', () => {
  const links = createPublicLinks(BASE);

  it('gives a resource the BFF reads its BFF address, colon ids as they are, whatever base ITB wrote', () => {
    expect(links.fullUrl('http://api-no.wellonfhir.se/demo/1.0/R4/fhir/HealthcareService/hs:1')).toBe(`${BASE}/HealthcareService/hs:1`);
    expect(links.fullUrl('[[baseurl]]/PractitionerRole/pr-1')).toBe(`${BASE}/PractitionerRole/pr-1`);
    expect(links.fullUrl('https://api.servicewell.se/portal/fhir/Appointment/001-2026-09-15T10:00:00-B1')).toBe(`${BASE}/Appointment/001-2026-09-15T10:00:00-B1`);
    expect(links.fullUrlOf('ActivityDefinition', 'ad:1')).toBe(`${BASE}/ActivityDefinition/ad:1`);
  });

  it('gives everything else a stable urn:uuid, the same for the same address under any base', () => {
    const offer = links.fullUrl('[[baseurl]]/Parameters/of:1');
    expect(offer).toMatch(URN_UUID);
    expect(links.fullUrl('http://example.com/fhir/Parameters/of:1')).toBe(offer);
    expect(createPublicLinks('https://other.example/fhir').fullUrl('[[baseurl]]/Parameters/of:1')).toBe(offer);
    expect(links.fullUrlOf('Location', 'area-1')).toBe(urnFor('Location/area-1'));
    expect(links.urn('Appointment/001:x')).toBe(urnFor('Appointment/001:x'));
    expect(links.fullUrl('urn:uuid:00000000-0000-5000-8000-000000000000')).toBe('urn:uuid:00000000-0000-5000-8000-000000000000');
  });
});
