import { expect, oneEvent } from '@open-wc/testing';
import { dialogOf, deepActiveElement, mountMode, nextClose, nextOpen } from '../embed/embed.test-support.js';
import type { ItbCloseEvent } from '../events/itb-close.js';
import type { ItbOpenEvent } from '../events/itb-open.js';
import { saveJourney } from '../state/journey-storage.js';
import { EMPTY_FORM } from '../state/booking-state.js';
import {
  button, catalogLoaded, chooseFirstTime, deepQuery, deepText, goToTimes, resetSandbox, signIn, signOut, snapshotOf, stepOf, waitFor,
} from '../testing/widget.test-support.js';
import type { ItbBooking } from './itb-booking.js';

const checked = (el: ItbBooking, name: string) => deepQuery<HTMLInputElement>(el, `input[name="${name}"]:checked`)?.value;

/** Records the open and close events that reach the document (they bubble and leave the shadow root). */
function recordEvents(): { readonly seen: string[]; stop(): void } {
  const seen: string[] = [];
  const record = (event: ItbOpenEvent | ItbCloseEvent) => { if (event.composed && event.bubbles) seen.push(`${event.type} ${event.detail.step}`); };
  document.addEventListener('itb-open', record);
  document.addEventListener('itb-close', record);
  return { seen, stop: () => { document.removeEventListener('itb-open', record); document.removeEventListener('itb-close', record); } };
}

describe('the JS API', () => {
  before(async () => {
    // Free times the suites before this one booked are free again.
    await resetSandbox();
  });

  it('open() and close() fire itb-open and itb-close once each, bubbling and composed', async () => {
    const el = await mountMode('popup');
    await catalogLoaded(el);
    const events = recordEvents();
    try {
      el.open();
      await nextOpen(el);
      el.open();
      el.close();
      await nextClose(el);
      el.close();
      // A marker pair after the extra calls: anything they had fired would have come first.
      el.open();
      await nextOpen(el);
      el.close();
      await nextClose(el);
      expect(events.seen).to.deep.equal(['itb-open select', 'itb-close select', 'itb-open select', 'itb-close select']);
    } finally {
      events.stop();
    }
  });

  it('inline, open() scrolls the widget into view and focuses its heading; close() does nothing', async () => {
    const spacer = document.createElement('div');
    spacer.style.height = '3000px';
    document.body.prepend(spacer);
    const events = recordEvents();
    try {
      const el = await mountMode(undefined);
      await catalogLoaded(el);
      window.scrollTo(0, 0);
      el.open();
      await waitFor(() => deepActiveElement()?.id === 'select-heading', 'heading focused');
      const box = el.getBoundingClientRect();
      expect(box.top).to.be.within(-1, innerHeight);
      el.close();
      expect(el.shadowRoot!.querySelector('dialog')).to.equal(null);
      expect(events.seen).to.deep.equal([]);
    } finally {
      events.stop();
      spacer.remove();
      window.scrollTo(0, 0);
    }
  });

  it('prefill() chooses as the attributes do, by id, placeholder, code or name, and opens nothing by itself', async () => {
    const el = await mountMode('popup');
    await catalogLoaded(el);
    const pushed = history.length;
    el.prefill({ clinic: 'stockholm-city', treatment: 'hyg45' });
    await waitFor(() => checked(el, 'treatment') === 'ad-hygiene-45', 'treatment chosen');
    expect(checked(el, 'clinic')).to.equal('hs-stockholm-city');
    expect((await dialogOf(el)).open).to.equal(false);
    expect(history.length, 'no history entry').to.equal(pushed);
  });

  it('prefill() with values that match nothing shows the same messages as the attributes', async () => {
    const el = await mountMode(undefined);
    await catalogLoaded(el);
    el.prefill({ clinic: 'no-such-clinic', treatment: 'no-such-treatment' });
    await waitFor(() => deepText(el).includes('No clinic called "no-such-clinic" was found.'), 'clinic message');
    expect(deepText(el)).to.contain('No treatment called "no-such-treatment" was found.');
  });

  it('prefill() applies a campaign code, and a later prefill() starts a new journey from the select step', async () => {
    const el = await mountMode('popup');
    await catalogLoaded(el);
    el.prefill({ campaign: 'SPRING26' });
    await waitFor(() => snapshotOf(el).campaign?.code === 'SPRING26', 'campaign applied');
    el.open();
    await nextOpen(el);
    await goToTimes(el, 'hs-stockholm-city', 'ad-hygiene-45');
    el.prefill({ clinic: 'hs-oslo-sentrum' });
    const opened = nextOpen(el);
    el.close();
    await nextClose(el);
    el.open();
    expect((await opened).detail.step, 'opens on the new journey').to.equal('select');
    await waitFor(() => checked(el, 'clinic') === 'hs-oslo-sentrum', 'new clinic');
    expect(checked(el, 'treatment')).to.equal(undefined);
    expect(snapshotOf(el).campaign).to.equal(undefined);
    el.close();
  });

  it('keeps focus in an open popup when reset() replaces the step on screen', async () => {
    const el = await mountMode('popup');
    el.open();
    await nextOpen(el);
    await goToTimes(el, 'hs-stockholm-city', 'ad-hygiene-45');
    el.reset();
    await waitFor(() => deepActiveElement()?.id === 'select-heading', 'the new step\'s heading focused');
    el.close();
  });

  it('reset() goes back to the page\'s own start: the attributes apply again, prefill and campaign are cleared', async () => {
    const el = await mountMode(undefined, { clinic: 'hs-stockholm-city' });
    await catalogLoaded(el);
    el.prefill({ clinic: 'hs-oslo-sentrum', treatment: 'ad-examination-30', campaign: 'SPRING26' });
    await waitFor(() => snapshotOf(el).campaign?.code === 'SPRING26' && checked(el, 'treatment') === 'ad-examination-30', 'prefilled');
    expect(checked(el, 'clinic')).to.equal('hs-oslo-sentrum');
    el.reset();
    await waitFor(() => snapshotOf(el).campaign === undefined && checked(el, 'clinic') === 'hs-stockholm-city', 'back at the start');
    expect(checked(el, 'treatment')).to.equal(undefined);
    expect(deepText(el)).to.not.contain('Spring offer!');
  });

  it('reset() from the review step keeps the patient signed in', async () => {
    await signIn();
    try {
      const el = await mountMode(undefined);
      await goToTimes(el, 'hs-stockholm-city', 'ad-hygiene-45');
      await chooseFirstTime(el, 1);
      await waitFor(() => snapshotOf(el).session.signedIn, 'signed in');
      const step = oneEvent(el, 'itb-step-change');
      el.reset();
      expect((await step).detail).to.deep.equal({ step: 'select', previous: 'review' });
      expect(snapshotOf(el)).to.include({ clinicId: undefined, treatmentId: undefined, chosenTime: undefined });
      expect(snapshotOf(el).session.signedIn).to.equal(true);
      // Continuing reaches the review step signed in: Book is offered, no sign-in.
      await goToTimes(el, 'hs-stockholm-city', 'ad-hygiene-45');
      const review = await chooseFirstTime(el, 1);
      await waitFor(() => { try { return button(review, 'Book'); } catch { return undefined; } }, 'Book offered');
    } finally {
      await signOut();
    }
  });

  it('opens the popup again when the journey comes back from a sign-in that left the page', async () => {
    saveJourney('itb-booking:back-from-login', { version: 1, step: 'select', clinicId: 'hs-stockholm-city', form: EMPTY_FORM, awaitingLogin: true });
    const opened = nextOpen();
    const el = await mountMode('popup', { id: 'back-from-login' });
    await opened;
    expect((await dialogOf(el)).open).to.equal(true);
    await stepOf(el, 'itb-clinic-step');
    el.close();
  });
});
