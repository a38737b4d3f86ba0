import { describe, expect, it } from 'vitest';
import type { CampaignInfo } from '@itb/shared';
import { createCatalog, type CatalogOptions } from './catalog.js';
import { EMPTY_FORM } from './booking-state.js';
import type { SavedJourney } from './journey-storage.js';
import type { PreselectKeys } from './preselection.js';
import {
  CAMPAIGN_ONLY, CLINIC, ELIN, FakeBff, HYGIENE, catalog, eventsOf, offersContext, problem, settle, testStore,
} from './flows.test-support.js';

const SPRING: CampaignInfo = { code: 'SPRING26', tag: 'SPRING26', treatmentIds: [CAMPAIGN_ONLY] };
const NO_KEYS: PreselectKeys = { clinic: undefined, treatment: undefined, practitioner: undefined };

/** The catalog module with recording doubles for the modules it hands over to. */
function setUp(options: { keys?: PreselectKeys; restored?: SavedJourney; bff?: FakeBff; ready?: () => Promise<unknown> } = {}) {
  const { store, events } = testStore();
  const bff = options.bff ?? new FakeBff();
  const restoredJourneys: SavedJourney[] = [];
  const practitionersChosen: (string | undefined)[] = [];
  let keys = options.keys ?? NO_KEYS;
  const deps: CatalogOptions = {
    keys: () => keys,
    restored: options.restored,
    times: { choosePractitioner: (id) => { practitionersChosen.push(id); } },
    signIn: { restore: (journey) => { restoredJourneys.push(journey); } },
    ...(options.ready === undefined ? {} : { ready: options.ready }),
  };
  const flow = createCatalog(store, bff, deps);
  return { store, events, bff, flow, restoredJourneys, practitionersChosen, setKeys: (k: PreselectKeys) => { keys = k; } };
}

describe('catalog', () => {
  it('loads the catalog in one request and chooses what the host page names', async () => {
    const { store, bff, flow } = setUp({ keys: { clinic: 'City clinic', treatment: 'hyg45', practitioner: ELIN }, bff: new FakeBff().answer('offersContext', offersContext()) });
    const loading = flow.load();
    expect(store.snapshot).toMatchObject({ catalogStatus: 'loading', announcementSeq: 0 });
    await loading;
    expect(bff.called('offersContext')).toEqual([[expect.any(AbortSignal), undefined]]);
    expect(store.snapshot).toMatchObject({ catalogStatus: 'ready', clinicId: CLINIC, treatmentId: HYGIENE, practitionerId: ELIN, preselectErrors: [], announcementSeq: 0 });
    expect([...store.snapshot.catalog!.clinics.keys()]).toEqual([CLINIC]);
  });

  it('names each attribute that matches nothing', async () => {
    const { store, flow } = setUp({ keys: { clinic: 'nowhere', treatment: 'nothing', practitioner: undefined }, bff: new FakeBff().answer('offersContext', offersContext()) });
    await flow.load();
    expect(store.snapshot.preselectErrors).toEqual([store.snapshot.t.config.unknownClinic('nowhere'), store.snapshot.t.config.unknownTreatment('nothing')]);
    expect(store.snapshot.clinicId).toBeUndefined();
  });

  it('a journey saved before a login redirect wins over the attributes, once', async () => {
    const journey: SavedJourney = { version: 1, step: 'review', clinicId: CLINIC, treatmentId: HYGIENE, form: EMPTY_FORM, awaitingLogin: true };
    const { store, flow, restoredJourneys } = setUp({
      keys: { clinic: 'nowhere', treatment: undefined, practitioner: undefined }, restored: journey,
      bff: new FakeBff().answer('offersContext', offersContext(), offersContext()),
    });
    await flow.load();
    expect(store.snapshot).toMatchObject({ clinicId: CLINIC, treatmentId: HYGIENE, preselectErrors: [] });
    expect(restoredJourneys).toEqual([journey]);
    await flow.load();
    expect(restoredJourneys).toHaveLength(1);
  });

  it('attributes changed later are applied again; a plain reload keeps the patient\'s choices', async () => {
    const { store, flow, setKeys } = setUp({ bff: new FakeBff().answer('offersContext', offersContext(), offersContext()) });
    await flow.load();
    flow.chooseClinic(CLINIC);
    await flow.load();
    expect(store.snapshot.clinicId).toBe(CLINIC);
    setKeys({ clinic: undefined, treatment: HYGIENE, practitioner: undefined });
    flow.preselectAgain();
    expect(store.snapshot).toMatchObject({ clinicId: undefined, treatmentId: HYGIENE });
  });

  it('a valid campaign code is announced and unlocks its treatments (the catalog reloads with the code)', async () => {
    const bff = new FakeBff().answer('campaign', SPRING).answer('offersContext', offersContext(true));
    const { store, events, flow } = setUp({ bff });
    await flow.applyCampaign('  SPRING26 ');
    expect(bff.called('campaign')).toEqual([['SPRING26', expect.any(AbortSignal)]]);
    expect(bff.called('offersContext')).toEqual([[expect.any(AbortSignal), 'SPRING26']]);
    expect(store.snapshot).toMatchObject({ campaign: SPRING, campaignStatus: 'ready' });
    expect(store.snapshot.catalog!.treatments.has(CAMPAIGN_ONLY)).toBe(true);
    expect(events).toEqual([]);
  });

  it('an invalid code says why and booking carries on with the normal catalog', async () => {
    const bff = new FakeBff().answer('campaign', problem('campaign-unknown', 404)).answer('offersContext', offersContext());
    const { store, events, flow } = setUp({ bff });
    await flow.applyCampaign('NOPE');
    expect(store.snapshot).toMatchObject({ campaign: undefined, campaignStatus: 'error', campaignProblem: { reason: 'campaign-unknown' }, catalogStatus: 'ready' });
    expect(bff.called('offersContext')).toEqual([[expect.any(AbortSignal), undefined]]);
    expect(eventsOf(events)).toEqual([['itb-error', { reason: 'campaign-unknown', status: 404, operation: 'campaign' }]]);
  });

  it('a blank code asks nothing', async () => {
    const { bff, flow } = setUp();
    await flow.applyCampaign('   ');
    expect(bff.calls).toEqual([]);
  });

  it('removing the campaign reloads the catalog and forgets a choice it no longer offers', async () => {
    const bff = new FakeBff().answer('campaign', SPRING).answer('offersContext', offersContext(true), offersContext());
    const { store, flow } = setUp({ bff });
    await flow.applyCampaign('SPRING26');
    flow.chooseClinic(CLINIC);
    flow.chooseTreatment(CAMPAIGN_ONLY);
    await flow.removeCampaign();
    expect(store.snapshot).toMatchObject({ campaign: undefined, campaignStatus: 'idle', clinicId: CLINIC, treatmentId: undefined });
  });

  it('a catalog that cannot be loaded says why and tells the page', async () => {
    const { store, events, flow } = setUp({ bff: new FakeBff().answer('offersContext', problem('upstream-unavailable', 502)) });
    await flow.load();
    expect(store.snapshot).toMatchObject({ catalogStatus: 'error', catalogProblem: { reason: 'upstream-unavailable' } });
    expect(eventsOf(events)).toEqual([['itb-error', { reason: 'upstream-unavailable', status: 502, operation: 'catalog' }]]);
  });

  it('choosing another clinic or treatment forgets the practitioner and the time', () => {
    const { store, flow } = setUp();
    store.set({ practitionerId: ELIN, chosenTime: undefined });
    flow.chooseClinic(CLINIC);
    expect(store.snapshot.practitionerId).toBeUndefined();
    store.set({ practitionerId: ELIN });
    flow.chooseTreatment(HYGIENE);
    expect(store.snapshot.practitionerId).toBeUndefined();
  });

  it('continues to the practitioners only with clinic and treatment chosen', async () => {
    const { store, flow, practitionersChosen } = setUp({ bff: new FakeBff().answer('offersContext', offersContext()) });
    await flow.load();
    flow.chooseClinic(CLINIC);
    flow.continueFromSelect();
    expect(store.snapshot.step).toBe('select');
    flow.chooseTreatment(HYGIENE);
    flow.continueFromSelect();
    expect(store.snapshot.step).toBe('practitioner');
    expect(practitionersChosen).toEqual([]);
  });

  it('a practitioner named by the host page skips the practitioner step', async () => {
    const { flow, practitionersChosen } = setUp({ keys: { clinic: CLINIC, treatment: HYGIENE, practitioner: 'pr-elin' }, bff: new FakeBff().answer('offersContext', offersContext()) });
    await flow.load();
    flow.continueFromSelect();
    expect(practitionersChosen).toEqual([ELIN]);
  });

  it('skips a practitioner step with one practitioner to choose: straight to their times', async () => {
    const bundle = offersContext(true);
    const { store, flow, practitionersChosen } = setUp({ bff: new FakeBff().answer('offersContext', bundle) });
    await flow.load();
    store.set({ campaign: SPRING });
    flow.chooseClinic(CLINIC);
    flow.chooseTreatment(CAMPAIGN_ONLY);
    flow.continueFromSelect();
    expect(practitionersChosen).toEqual([ELIN]);
    expect(store.snapshot.step).toBe('select');
  });

  it('asks for the catalog at once but shows it only once the page\'s language is here', async () => {
    let languageArrives = () => {};
    const language = new Promise<void>((resolve) => { languageArrives = resolve; });
    const { store, flow, bff } = setUp({ bff: new FakeBff().answer('offersContext', offersContext()), ready: () => language });
    const loading = flow.load();
    expect(bff.calls.map((c) => c.method)).toEqual(['offersContext']);
    await settle();
    expect(store.snapshot.catalogStatus).toBe('loading');
    languageArrives();
    await loading;
    expect(store.snapshot.catalogStatus).toBe('ready');
  });

  it('a clinic that books elsewhere does not continue', () => {
    const base = catalog();
    const external = { ...base, clinics: new Map([[CLINIC, { ...base.clinics.get(CLINIC)!, info: { ...base.clinics.get(CLINIC)!.info, hasExternalBooking: true } }]]) };
    const { store, flow } = setUp();
    store.set({ catalog: external, clinicId: CLINIC, treatmentId: HYGIENE });
    flow.continueFromSelect();
    expect(store.snapshot.step).toBe('select');
  });
});
