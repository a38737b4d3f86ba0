import { describe, expect, it } from 'vitest';
import { EMPTY_FORM } from './booking-state.js';
import { CLINIC, ELIN, HYGIENE, appointment, freeTime, testStore } from './flows.test-support.js';
import { startOver, type StartOverFlows } from './start-over.js';

const TIME = freeTime('2026-06-11T07:00:00Z');

/** Catalog and My bookings doubles that record what start-over asked of them. */
function flows(): StartOverFlows & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    catalog: {
      load: async () => { calls.push('load'); },
      applyCampaign: async (code) => { calls.push(`applyCampaign ${code}`); },
      preselectAgain: () => { calls.push('preselectAgain'); },
    },
    myBookings: { load: async () => { calls.push('myBookings.load'); } },
  };
}

describe('startOver', () => {
  it('clears the journey and the patient\'s campaign, keeps the session and the contact details, and chooses again', async () => {
    const { store, events } = testStore({
      step: 'review', moveFocus: true, clinicId: CLINIC, treatmentId: HYGIENE, practitionerId: ELIN, chosenTime: TIME, weekDay: new Date(TIME.start),
      campaign: { code: 'SPRING26', tag: 'SPRING26', treatmentIds: [] }, campaignStatus: 'ready', preselectErrors: ['old message'],
      session: { signedIn: true, name: 'Alva' }, sessionStatus: 'ready',
      form: { ...EMPTY_FORM, mobilePhone: '+46701740605', comment: 'hi', termsAccepted: true },
    });
    const doubles = flows();
    await startOver(store, doubles, { view: 'select', campaign: undefined });
    expect(store.snapshot).toMatchObject({
      step: 'select', moveFocus: false, clinicId: undefined, treatmentId: undefined, practitionerId: undefined, chosenTime: undefined, weekDay: undefined,
      campaign: undefined, campaignStatus: 'idle', preselectErrors: [], session: { signedIn: true, name: 'Alva' },
      form: { mobilePhone: '+46701740605', comment: '', termsAccepted: false },
    });
    // Without the campaign the catalog is loaded again (its treatments go), then the page's choices apply.
    expect(doubles.calls).toEqual(['load', 'preselectAgain']);
    expect(events.map((e) => e.type)).toEqual(['itb-step-change']);
  });

  it('starts with the page\'s campaign code, and in My bookings reloads the list', async () => {
    const { store } = testStore({ step: 'confirmation', session: { signedIn: true }, booked: { appointment: appointment('a', TIME.start), warnings: [], kind: 'create', clinicId: CLINIC } });
    const doubles = flows();
    await startOver(store, doubles, { view: 'my-bookings', campaign: ' SPRING26 ' });
    expect(store.snapshot).toMatchObject({ step: 'my-bookings', booked: undefined, bookStatus: 'idle' });
    expect(doubles.calls).toEqual(['myBookings.load', 'applyCampaign SPRING26', 'preselectAgain']);
  });

  it('leaves a booking that is on its way alone', async () => {
    const { store } = testStore({ step: 'review', chosenTime: TIME, bookStatus: 'loading' });
    await startOver(store, flows(), { view: 'select', campaign: undefined });
    expect(store.snapshot).toMatchObject({ step: 'select', bookStatus: 'loading' });
  });
});
