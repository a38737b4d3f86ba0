import { describe, expect, it } from 'vitest';
import { EXT } from '../fhir/urls.js';
import { organizationWebsite, priceAtConfirmation } from './organization-settings.js';

const withSetting = (code: string | undefined, url: string = EXT.organizationSettings) => ({
  resourceType: 'Organization',
  extension: [{ url, extension: code === undefined ? [] : [{ url: 'showPricesAtBookingConfirmation', valueCode: code }] }],
});

describe('priceAtConfirmation', () => {
  it('hides the price only for never-show-price', () => {
    expect(priceAtConfirmation(withSetting('never-show-price'))).toBe(false);
    expect(priceAtConfirmation(withSetting(' never-show-price '))).toBe(false);
    expect(priceAtConfirmation(withSetting('always-show-price'))).toBe(true);
  });
  it('shows it when the setting, the settings or the organisation are absent, or the code is unknown', () => {
    expect(priceAtConfirmation(withSetting(undefined))).toBe(true);
    expect(priceAtConfirmation({ resourceType: 'Organization' })).toBe(true);
    expect(priceAtConfirmation(undefined)).toBe(true);
    expect(priceAtConfirmation(withSetting('sometimes'))).toBe(true);
  });
  it('matches the extension by its last path segment (http or another host)', () => {
    expect(priceAtConfirmation(withSetting('never-show-price', 'http://example.invalid/StructureDefinition/organization-settings'))).toBe(false);
  });
});

describe('organizationWebsite', () => {
  it('takes the first http(s) url telecom and refuses other schemes', () => {
    expect(organizationWebsite({ telecom: [{ system: 'phone', value: '+46 8 1' }, { system: 'url', value: 'javascript:alert(1)' }, { system: 'url', value: 'https://fjordvik.example' }] }))
      .toBe('https://fjordvik.example/');
    expect(organizationWebsite({ telecom: [{ system: 'url', value: 'ftp://x.example' }] })).toBeUndefined();
    expect(organizationWebsite(undefined)).toBeUndefined();
  });
});

describe('a clinic read from an offers-context Bundle', () => {
  it('carries its organisation\'s price rule and web site', async () => {
    const { indexOffersContext } = await import('./catalog.js');
    const { IDS, kungsholmen } = await import('./offers-context.fixture.js');
    const hs = kungsholmen();
    const org = hs.contained?.find((r) => r.resourceType === 'Organization') as { extension?: unknown[]; telecom?: unknown[] };
    org.extension = [...(org.extension ?? []), withSetting('never-show-price').extension[0]];
    org.telecom = [{ system: 'url', value: 'https://acme.example.invalid' }];
    const clinic = indexOffersContext({ resourceType: 'Bundle', type: 'searchset', entry: [{ resource: hs }] }).clinics.get(IDS.kungsholmen);
    expect(clinic?.priceAtConfirmation).toBe(false);
    expect(clinic?.website).toBe('https://acme.example.invalid/');
    expect(indexOffersContext({ resourceType: 'Bundle', type: 'searchset', entry: [{ resource: kungsholmen() }] }).clinics.get(IDS.kungsholmen)?.priceAtConfirmation).toBe(true);
  });
});
