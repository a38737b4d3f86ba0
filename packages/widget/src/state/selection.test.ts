import { expect } from '@open-wc/testing';
import type { Catalog, Offer, Practitioner } from '@itb/shared';
import { en } from '../locales/en.js';
import { initialSnapshot } from './booking-state.js';
import type { BookingSnapshot } from './booking-state.js';
import { practitionerChoices, searchVisitType, treatmentBookability } from './selection.js';

const CLINIC = 'hs-a';
const TREATMENT = 'ad-x';
const VISIT_TYPE = 'http://example.com/service-type|x';

function offer(practitionerRoleId: string, fields: Partial<Offer> = {}): Offer {
  return { id: `of-${practitionerRoleId}`, treatmentId: TREATMENT, clinicId: CLINIC, practitionerRoleId, isOnline: true, visitType: VISIT_TYPE, ...fields };
}

/** A catalog of just these offers at one clinic; only what the selection rules read. */
function catalogOf(offers: Offer[]): Catalog {
  const practitioners = new Map<string, Practitioner>(offers.map((o) => [o.practitionerRoleId, { id: o.practitionerRoleId, name: o.practitionerRoleId, roles: [], active: true }]));
  return { clinics: new Map(), treatments: new Map(), practitioners, offers, inactiveClinicIds: new Set() };
}

function snapshotOf(offers: Offer[], practitionerId?: string): BookingSnapshot {
  return { ...initialSnapshot(en), catalog: catalogOf(offers), clinicId: CLINIC, treatmentId: TREATMENT, ...(practitionerId === undefined ? {} : { practitionerId }) };
}

describe('selection: bookable offers', () => {
  it('lets a treatment be chosen when one offer can be searched, and says why not when none can', () => {
    const unresolved = offer('pr-b', { visitType: undefined });
    expect(treatmentBookability(catalogOf([unresolved, offer('pr-a')]), CLINIC, TREATMENT)).to.deep.equal({ bookable: true });
    expect(treatmentBookability(catalogOf([unresolved]), CLINIC, TREATMENT)).to.deep.equal({ bookable: false, reason: 'treatment-unresolved' });
  });

  it('gives the clinic\'s offline text before "not searchable" when no offer is bookable', () => {
    const offers = [offer('pr-a', { visitType: undefined }), offer('pr-b', { isOnline: false, offlineReason: 'Journalen är nere.' })];
    expect(treatmentBookability(catalogOf(offers), CLINIC, TREATMENT)).to.deep.equal({ bookable: false, reason: 'offer-offline', text: 'Journalen är nere.' });
  });

  it('offers only practitioners whose offer can be searched', () => {
    const choices = practitionerChoices(snapshotOf([offer('pr-a'), offer('pr-b', { visitType: undefined })]));
    expect(choices.map((c) => [c.practitioner.id, c.bookability.bookable])).to.deep.equal([['pr-a', true], ['pr-b', false]]);
    expect(practitionerChoices(snapshotOf([offer('pr-b', { visitType: undefined })])).some((c) => c.bookability.bookable)).to.equal(false);
  });

  it('searches "any practitioner" with a bookable offer\'s visit-type, never an unresolved one\'s', () => {
    expect(searchVisitType(snapshotOf([offer('pr-b', { visitType: undefined }), offer('pr-a')]))).to.equal(VISIT_TYPE);
    expect(searchVisitType(snapshotOf([offer('pr-b', { visitType: undefined })]))).to.equal(undefined);
  });

  it('does not search for a chosen practitioner whose offer cannot be searched or is offline', () => {
    const offers = [offer('pr-a'), offer('pr-b', { visitType: undefined }), offer('pr-c', { isOnline: false })];
    expect(searchVisitType(snapshotOf(offers, 'pr-a'))).to.equal(VISIT_TYPE);
    expect(searchVisitType(snapshotOf(offers, 'pr-b'))).to.equal(undefined);
    expect(searchVisitType(snapshotOf(offers, 'pr-c'))).to.equal(undefined);
  });
});
