/**
 * For element tests that need a state the sandbox cannot produce (an organisation that hides
 * prices, a clinic with no phone, a refusal from a rule): a plain element providing a snapshot
 * built in the test, with the step under test inside it.
 * @module
 */
import { ContextProvider } from '@lit/context';
import type { Catalog, Clinic } from '@itb/shared';
import { fixture, html } from '@open-wc/testing';
import { render, type LitElement, type TemplateResult } from 'lit';
import { en } from '../../locales/en.js';
import { bookingIntentsContext, bookingStateContext } from '../../state/booking-context.js';
import type { BookingIntents } from '../../state/booking-intents.js';
import { initialSnapshot, type BookingSnapshot } from '../../state/booking-state.js';

export const CLINIC: Clinic = {
  id: 'hs-test', name: 'Fjordvik Tandvård Test', active: true,
  address: { text: 'Storgatan 1, 111 22 Stockholm', lines: ['Storgatan 1'], postalCode: '111 22', city: 'Stockholm', country: 'SE' },
  phone: '+46 8 555 000 11',
  info: { hasExternalBooking: false, urlPlaceholder: 'test' },
  bookingRules: { cancellationAllowed: true, reschedulingAllowed: true, allowCancellationRemainingHours: 24, allowRescheduleRemainingHours: 24 },
  openingHours: [], timeZone: 'Europe/Stockholm', priceAtConfirmation: true,
};

export function catalogWith(clinic: Clinic): Catalog {
  return {
    clinics: new Map([[clinic.id, clinic]]),
    treatments: new Map([['ad-test', { id: 'ad-test', title: 'Tandhygienistbesök', code: { system: 'urn:test', code: 'hyg' }, visitType: 'urn:test|hyg', campaigns: [] }]]),
    practitioners: new Map([['pr-test', { id: 'pr-test', name: 'Elin Holm', roles: ['Tandhygienist'], clinicId: clinic.id, active: true }]]),
    offers: [{ id: 'of-test', treatmentId: 'ad-test', clinicId: clinic.id, practitionerRoleId: 'pr-test', duration: '45 min', price: '1 095 kr', isOnline: true, visitType: 'urn:test|hyg' }],
    inactiveClinicIds: new Set(),
  };
}

/** The snapshot a step sees at `step`, with `patch` on top. */
export function snapshot(patch: Partial<BookingSnapshot>): BookingSnapshot {
  return { ...initialSnapshot(en), catalogStatus: 'ready', sessionStatus: 'ready', ...patch };
}

/** Mounts `content` (a step element) inside a provider of `value`; returns the step. */
export async function provide<T extends LitElement>(value: BookingSnapshot, content: TemplateResult, tag: string): Promise<T> {
  const host = await fixture<HTMLElement>(html`<div></div>`);
  new ContextProvider(host, { context: bookingStateContext, initialValue: value });
  // Every intent is a no-op: these tests look at what a state renders, not at what a click asks for.
  const intents = new Proxy({}, { get: () => () => undefined }) as BookingIntents;
  new ContextProvider(host, { context: bookingIntentsContext, initialValue: intents });
  const wrapper = document.createElement('div');
  host.append(wrapper);
  render(content, wrapper);
  const step = wrapper.querySelector(tag) as T;
  await step.updateComplete;
  return step;
}
