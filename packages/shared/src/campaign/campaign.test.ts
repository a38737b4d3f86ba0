import { describe, expect, it } from 'vitest';
import { IDS, offer, offersContextBundle } from '../catalog/offers-context.fixture.js';
import { indexOffersContext } from '../catalog/catalog.js';
import type { Bundle } from '../fhir/types.js';
import { campaignAllowsAt, campaignTagsOf, checkCampaign, filterCampaignOffers, type CampaignDefinition } from './campaign.js';

const NOW = new Date('2026-04-15T10:00:00Z');

describe('checkCampaign', () => {
  const campaigns: CampaignDefinition[] = [
    { code: 'Spring26', tag: 'SPRING26', validFrom: '2026-04-01T00:00:00+02:00', validTo: '2026-05-31T23:59:59+02:00', message: { sv: 'Vårkampanj', en: 'Spring offer' } },
    { code: 'OLD', validTo: '2026-01-31T23:59:59+01:00' },
    { code: 'LATER', validFrom: '2026-09-01T00:00:00+02:00' },
    { code: 'ALWAYS' },
    { code: 'BROKEN', validFrom: 'next spring' },
  ];

  it('finds a code case-insensitively while it is valid', () => {
    expect(checkCampaign(campaigns, ' spring26 ', NOW)).toEqual({ ok: true, campaign: campaigns[0] });
    expect(checkCampaign(campaigns, 'always', NOW)).toEqual({ ok: true, campaign: campaigns[3] });
  });

  it('is valid at both ends of the period, inclusive', () => {
    expect(checkCampaign(campaigns, 'SPRING26', new Date('2026-03-31T22:00:00Z')).ok).toBe(true);
    expect(checkCampaign(campaigns, 'SPRING26', new Date('2026-05-31T21:59:59Z')).ok).toBe(true);
    expect(checkCampaign(campaigns, 'SPRING26', new Date('2026-05-31T22:00:00Z'))).toEqual({ ok: false, reason: 'campaign-expired' });
  });

  it('calls a passed campaign expired, and a not-yet-started, broken or unknown one unknown', () => {
    expect(checkCampaign(campaigns, 'old', NOW)).toEqual({ ok: false, reason: 'campaign-expired' });
    expect(checkCampaign(campaigns, 'LATER', NOW)).toEqual({ ok: false, reason: 'campaign-unknown' });
    expect(checkCampaign(campaigns, 'BROKEN', NOW)).toEqual({ ok: false, reason: 'campaign-unknown' });
    expect(checkCampaign(campaigns, 'NOPE', NOW)).toEqual({ ok: false, reason: 'campaign-unknown' });
    expect(checkCampaign(campaigns, '  ', NOW)).toEqual({ ok: false, reason: 'campaign-unknown' });
    expect(checkCampaign(campaigns, 'SPRING26', new Date('2026-03-01T00:00:00Z'))).toEqual({ ok: false, reason: 'campaign-unknown' });
  });

  it('uses a valid definition when the same code also has an expired one', () => {
    const twice: CampaignDefinition[] = [{ code: 'X', validTo: '2026-01-01T00:00:00Z' }, { code: 'x', validFrom: '2026-04-01T00:00:00Z' }];
    expect(checkCampaign(twice, 'X', NOW)).toEqual({ ok: true, campaign: twice[1] });
  });
});

describe('campaignAllowsAt', () => {
  it('allows an untagged treatment always, a tagged one only where a presented code unlocks a tag', () => {
    expect(campaignAllowsAt([], 'hs-1', [])).toBe(true);
    expect(campaignAllowsAt(['SPRING26'], 'hs-1', [])).toBe(false);
    expect(campaignAllowsAt(['SPRING26'], 'hs-1', [{ tag: 'spring26' }])).toBe(true);
    expect(campaignAllowsAt(['SPRING26'], 'hs-1', [{ tag: 'SPRING26', clinicIds: ['hs-2'] }])).toBe(false);
    expect(campaignAllowsAt(['SPRING26'], 'hs-2', [{ tag: 'SPRING26', clinicIds: ['hs-2'] }])).toBe(true);
    expect(campaignAllowsAt(['SPRING26'], 'hs-1', [{ tag: 'OTHER' }])).toBe(false);
  });
});

describe('filterCampaignOffers', () => {
  const treatmentIds = (bundle: Bundle) => [...indexOffersContext(bundle).treatments.keys()].sort();
  const offerIds = (bundle: Bundle) => indexOffersContext(bundle).offers.map((o) => o.id);

  it('hides tagged treatments and their offers without a code, recounting total', () => {
    const bundle = offersContextBundle();
    const filtered = filterCampaignOffers(bundle, []);
    expect(treatmentIds(filtered)).not.toContain(IDS.whitening);
    expect(offerIds(filtered)).not.toContain('offer-5');
    expect(filtered.entry).toHaveLength((bundle.entry?.length ?? 0) - 2);
    expect(filtered.total).toBe(filtered.entry?.length);
    // The input is not changed.
    expect(bundle.entry?.length).toBe(bundle.total);
  });

  it('shows them when one of their tags is unlocked, case-insensitively', () => {
    const filtered = filterCampaignOffers(offersContextBundle(), [{ tag: 'vip' }]);
    expect(treatmentIds(filtered)).toContain(IDS.whitening);
    expect(offerIds(filtered)).toContain('offer-5');
    expect(filtered.entry).toHaveLength(offersContextBundle().entry?.length ?? -1);
  });

  it('keeps a clinic-scoped campaign to its clinics', () => {
    const bundle = offersContextBundle();
    bundle.entry?.push({ resource: offer('offer-7', IDS.whitening, IDS.oslo, IDS.kari) });
    const filtered = filterCampaignOffers(bundle, [{ tag: 'SPRING26', clinicIds: [IDS.oslo] }]);
    expect(offerIds(filtered).filter((id) => id === 'offer-5' || id === 'offer-7')).toEqual(['offer-7']);
    expect(treatmentIds(filtered)).toContain(IDS.whitening);
    // A second, unscoped unlock of another tag opens it everywhere.
    expect(offerIds(filterCampaignOffers(bundle, [{ tag: 'SPRING26', clinicIds: [IDS.oslo] }, { tag: 'VIP' }]))).toEqual(expect.arrayContaining(['offer-5', 'offer-7']));
  });

  it('removes offers of tagged treatments that were not included, using taggedTreatments', () => {
    const bundle = offersContextBundle();
    bundle.entry = bundle.entry?.filter((e) => e.resource?.id !== IDS.whitening);
    expect(offerIds(filterCampaignOffers(bundle, []))).toContain('offer-5');
    const tagged = new Map([[IDS.whitening, ['SPRING26']]]);
    expect(offerIds(filterCampaignOffers(bundle, [], tagged))).not.toContain('offer-5');
    expect(offerIds(filterCampaignOffers(bundle, [{ tag: 'spring26' }], tagged))).toContain('offer-5');
  });

  it('leaves untagged content and a bundle without total alone', () => {
    const bare: Bundle = { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: offer('o', IDS.checkup, IDS.oslo, IDS.kari) }] };
    expect(filterCampaignOffers(bare, [])).toEqual(bare);
  });

  it('reads campaign tags from an ActivityDefinition', () => {
    const whitening = offersContextBundle().entry?.find((e) => e.resource?.id === IDS.whitening)?.resource;
    expect(campaignTagsOf(whitening)).toEqual(['SPRING26', 'VIP']);
    expect(campaignTagsOf(undefined)).toEqual([]);
  });
});
