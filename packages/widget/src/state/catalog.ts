/**
 * The catalog and the select step: loading clinics, treatments and offers (a campaign code unlocks
 * its treatments), choosing from the host's attributes or a restored journey, choosing by hand,
 * and moving on to practitioners.
 * @module
 */
import { indexOffersContext } from '@itb/shared';
import type { BffClient } from '../bff-client.js';
import type { BookingStore } from './booking-store.js';
import type { SavedJourney } from './journey-storage.js';
import { resolvePreselection, type PreselectKeys } from './preselection.js';
import { problemOf } from './problem.js';
import { practitionerChoices, selectedClinic, skipsPractitionerStep } from './selection.js';
import type { SignInFlow } from './sign-in.js';
import type { TimesFlow } from './times.js';

export interface CatalogOptions {
  /** The host's preselection attributes as they are now. */
  readonly keys: () => PreselectKeys;
  /** A journey saved before a redirect sign-in, put back once the catalog is known. */
  readonly restored: SavedJourney | undefined;
  readonly times: Pick<TimesFlow, 'choosePractitioner'>;
  readonly signIn: Pick<SignInFlow, 'restore'>;
  /** Settles when the page's language is here: the lists (and any message) wait for it, the request does not. */
  readonly ready?: () => Promise<unknown>;
}

export interface CatalogFlow {
  load(): Promise<void>;
  /** The preselection attributes changed: choose from them again. */
  preselectAgain(): void;
  chooseClinic(id: string | undefined): void;
  chooseTreatment(id: string | undefined): void;
  /** Checks `code`; valid or not, the catalog then reloads (an invalid code must not block booking). */
  applyCampaign(code: string): Promise<void>;
  removeCampaign(): Promise<void>;
  continueFromSelect(): void;
}

export function createCatalog(store: BookingStore, client: Pick<BffClient, 'offersContext' | 'campaign'>, options: CatalogOptions): CatalogFlow {
  let restored = options.restored;
  /** Preselection applies to the first catalog only, so a campaign reload keeps the patient's choices. */
  let preselected = false;

  /** After a catalog reload (campaign added or removed), forget choices that are no longer offered. */
  function dropVanishedChoices(): void {
    const s = store.snapshot;
    const catalog = s.catalog;
    if (catalog === undefined) return;
    if (s.treatmentId !== undefined && !catalog.treatments.has(s.treatmentId)) store.set({ treatmentId: undefined, practitionerId: undefined });
    if (s.clinicId !== undefined && !catalog.clinics.has(s.clinicId)) store.set({ clinicId: undefined, practitionerId: undefined });
  }

  function preselect(): void {
    const s = store.snapshot;
    if (s.catalog === undefined) return;
    if (preselected && restored === undefined) {
      dropVanishedChoices();
      return;
    }
    preselected = true;
    const journey = restored;
    if (journey === undefined) {
      const chosen = resolvePreselection(s.catalog, options.keys(), s.t);
      store.set({ preselectErrors: chosen.errors, clinicId: chosen.clinicId, treatmentId: chosen.treatmentId, practitionerId: chosen.practitionerId });
      return;
    }
    restored = undefined;
    store.set({ preselectErrors: [], clinicId: journey.clinicId, treatmentId: journey.treatmentId, practitionerId: journey.practitionerId });
    options.signIn.restore(journey);
  }

  async function load(): Promise<void> {
    const signal = store.begin('catalog');
    const recovering = store.snapshot.catalogStatus === 'error';
    // No "loading" announcement: the skeleton says it (aria-busy), and it would overwrite results.
    store.set({ catalogStatus: 'loading' });
    const languageHere = options.ready?.() ?? Promise.resolve();
    try {
      const bundle = await client.offersContext(signal, store.snapshot.campaign?.code);
      await languageHere;
      if (signal.aborted) return;
      // Its own failure said earlier is over: clear it rather than leave it for a screen reader to meet later.
      store.set({ catalog: indexOffersContext(bundle), catalogStatus: 'ready', catalogProblem: undefined, ...(recovering ? { alert: '' } : {}) });
      preselect();
    } catch (error) {
      const problem = problemOf(error);
      if (problem === undefined) return;
      await languageHere;
      store.set({ catalogStatus: 'error', catalogProblem: problem });
      store.fail('catalog', problem);
    }
  }

  return {
    load,

    preselectAgain() {
      preselected = false;
      preselect();
    },

    chooseClinic(id) {
      store.set({ clinicId: id, practitionerId: undefined, chosenTime: undefined });
    },

    chooseTreatment(id) {
      store.set({ treatmentId: id, practitionerId: undefined, chosenTime: undefined });
    },

    async applyCampaign(input) {
      const code = input.trim();
      if (code === '') return;
      const signal = store.begin('campaign');
      store.set({ campaignStatus: 'loading' });
      try {
        const campaign = await client.campaign(code, signal);
        store.set({ campaign, campaignStatus: 'ready', campaignProblem: undefined, announcement: store.snapshot.t.campaign.applied(campaign.code) });
      } catch (error) {
        const problem = problemOf(error);
        if (problem === undefined) return;
        store.set({ campaign: undefined, campaignStatus: 'error', campaignProblem: problem });
        store.fail('campaign', problem);
      }
      await load();
    },

    async removeCampaign() {
      store.set({ campaign: undefined, campaignStatus: 'idle', campaignProblem: undefined });
      await load();
    },

    continueFromSelect() {
      const s = store.snapshot;
      if (s.clinicId === undefined || s.treatmentId === undefined || selectedClinic(s)?.info.hasExternalBooking === true) return;
      // A practitioner named by the host page skips the practitioner step, and so does a choice of one.
      if (options.keys().practitioner !== undefined && s.practitionerId !== undefined) options.times.choosePractitioner(s.practitionerId);
      else if (skipsPractitionerStep(s)) options.times.choosePractitioner(practitionerChoices(s)[0]?.practitioner.id);
      else store.go('practitioner');
    },
  };
}
