import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ItbBooking } from './itb-booking.js';
import { defineOnce } from '../define-once.js';
import type { ItbErrorEvent } from '../events/itb-error.js';
import {
  BFF, button, catalogLoaded, choose, deepQuery, deepText, findRequests, mount, radio, setOffline, stepOf, timeButtons, waitFor,
} from '../testing/widget.test-support.js';

describe('itb-booking', () => {
  it('says clearly that the bff attribute is missing instead of rendering a blank box', async () => {
    const el = await mount({ bff: null });
    await el.updateComplete;
    expect(deepText(el)).to.contain('The booking service address (the bff attribute) is missing.');
    expect(el.shadowRoot!.querySelector('itb-clinic-step')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('names an unknown clinic and an unknown view, and still offers the clinics', async () => {
    const el = await mount({ clinic: 'no-such-clinic', view: 'calendar' });
    await catalogLoaded(el);
    const text = deepText(el);
    expect(text).to.contain('No clinic called "no-such-clinic" was found.');
    expect(text).to.contain('Unknown view "calendar"');
    expect(deepQuery(el, 'input[name="clinic"]')).to.not.equal(undefined);
  });

  it('treats clinic="uppsala", an inactive clinic, as unknown and still offers the clinics', async () => {
    const el = await mount({ clinic: 'uppsala' });
    await catalogLoaded(el);
    expect(deepText(el)).to.contain('No clinic called "uppsala" was found.');
    expect(deepQuery(el, 'input[name="clinic"]')).to.not.equal(undefined);
    expect(deepQuery(el, 'input[name="clinic"]:checked')).to.equal(undefined);
  });

  it('does not choose or search for a preselected treatment the clinic\'s offer cannot name', async () => {
    const el = await mount({ clinic: 'hs-oslo-sentrum', treatment: 'ad-bridge-consult-30', practitioner: 'pr-ingrid-solberg-osl' });
    const since = performance.now();
    await catalogLoaded(el);
    await waitFor(() => deepQuery<HTMLInputElement>(el, 'input[name="clinic"]:checked'), 'clinic preselected');
    const bridge = radio(el, 'treatment', 'ad-bridge-consult-30');
    expect(bridge.disabled).to.equal(true);
    expect(bridge.checked).to.equal(false);
    button(el, 'Continue').click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('itb-practitioner-step, itb-time-step')).to.equal(null);
    expect(deepText(el)).to.contain('Choose a clinic and a treatment to continue.');
    expect(findRequests(since)).to.deep.equal([]);
  });

  it('preselects clinic and treatment by URL placeholder and code', async () => {
    const el = await mount({ clinic: 'stockholm-city', treatment: 'hyg45' });
    await catalogLoaded(el);
    await waitFor(() => deepQuery<HTMLInputElement>(el, 'input[name="clinic"]:checked'), 'clinic checked');
    expect(deepQuery<HTMLInputElement>(el, 'input[name="clinic"]:checked')!.value).to.equal('hs-stockholm-city');
    expect(deepQuery<HTMLInputElement>(el, 'input[name="treatment"]:checked')!.value).to.equal('ad-hygiene-45');
  });

  it('follows <html lang> when no locale is set, and the locale attribute when it is', async () => {
    document.documentElement.lang = 'sv';
    try {
      const el = await mount({ locale: '' });
      el.removeAttribute('locale');
      await catalogLoaded(el);
      expect(deepText(el)).to.contain('Välj klinik och behandling');
      el.locale = 'nb';
      await waitFor(() => deepText(el).includes('Velg klinikk og behandling'), 'Norwegian');
    } finally {
      document.documentElement.lang = 'en';
    }
  });

  it('fires a bubbling, composed itb-step-change and moves focus to the new heading', async () => {
    const el = await mount({ clinic: 'hs-stockholm-city', treatment: 'ad-examination-30' });
    await catalogLoaded(el);
    await waitFor(() => deepQuery(el, 'input[name="treatment"]:checked'), 'preselected');
    const event = oneEvent(document.body, 'itb-step-change');
    button(el, 'Continue').click();
    const fired = await event;
    expect(fired.detail).to.deep.equal({ step: 'practitioner', previous: 'select' });
    expect(fired.composed).to.equal(true);
    const step = await stepOf(el, 'itb-practitioner-step');
    await waitFor(() => step.shadowRoot!.activeElement?.tagName === 'H2', 'heading focused');
  });

  it('asks for the catalog the moment it is connected, before its first render', async () => {
    const original = window.fetch;
    const asked: string[] = [];
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => { asked.push(String(input)); return original(input, init); };
    history.replaceState(null, '');
    const el = document.createElement('itb-booking');
    try {
      el.setAttribute('bff', BFF);
      el.setAttribute('locale', 'en');
      document.body.append(el);
      expect(el.hasUpdated).to.equal(false);
      expect(asked.some((url) => url.includes('/fhir/$get-offers-context'))).to.equal(true);
      await catalogLoaded(el);
    } finally {
      window.fetch = original;
      el.remove();
    }
  });

  it('does not move focus into the widget on page load', async () => {
    const before = document.activeElement;
    const el = await mount();
    await catalogLoaded(el);
    expect(document.activeElement).to.equal(before);
  });

  it('takes theme tokens and parts from the page', async () => {
    const style = document.createElement('style');
    style.textContent = 'itb-booking { --itb-color-primary: rgb(1, 2, 3); } itb-booking::part(card) { outline: 4px solid rgb(9, 9, 9); }';
    document.head.append(style);
    try {
      const el = await mount({ clinic: 'hs-stockholm-city', treatment: 'ad-hygiene-45' });
      await catalogLoaded(el);
      expect(getComputedStyle(button(el, 'Continue')).backgroundColor).to.equal('rgb(1, 2, 3)');
      expect(getComputedStyle(deepQuery(el, '[part~="card"]')!).outlineColor).to.equal('rgb(9, 9, 9)');
    } finally {
      style.remove();
    }
  });

  it('defineOnce ignores a second registration of the same tag', () => {
    class Other extends HTMLElement {}
    expect(() => defineOnce('itb-booking', Other)).to.not.throw();
    expect(customElements.get('itb-booking')).to.equal(ItbBooking);
  });

  it('passes axe on the clinic and treatment step', async () => {
    const el = await mount();
    await catalogLoaded(el);
    choose(el, 'clinic', 'hs-stockholm-city');
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('reports a lost connection with a retry that works once back online', async () => {
    const errors: ItbErrorEvent[] = [];
    const listener = (event: ItbErrorEvent) => { errors.push(event); };
    document.addEventListener('itb-error', listener);
    await setOffline(true);
    let el: ItbBooking | undefined;
    try {
      el = await mount();
      const mounted = el;
      await waitFor(() => deepText(mounted).includes('No connection.'), 'network message');
    } finally {
      await setOffline(false);
      document.removeEventListener('itb-error', listener);
    }
    expect(errors.map((e) => e.detail)).to.deep.include({ reason: 'network', status: 0, operation: 'catalog' });
    button(el, 'Try again').click();
    await catalogLoaded(el);
    // Gone from the page and from the assertive region, so nobody meets a stale failure later.
    expect(deepText(el)).to.not.contain('No connection.');
  });

  it('is usable by keyboard alone up to the review step', async () => {
    const el = await mount();
    await catalogLoaded(el);
    radio(el, 'clinic', 'hs-stockholm-city').focus();
    await sendKeys({ press: 'Space' });
    await waitFor(() => radio(el, 'clinic', 'hs-stockholm-city').checked, 'clinic chosen by Space');
    await el.updateComplete;
    radio(el, 'treatment', 'ad-examination-30').focus();
    await sendKeys({ press: 'Space' });
    await waitFor(() => radio(el, 'treatment', 'ad-examination-30').checked, 'treatment chosen by Space');
    await el.updateComplete;
    button(el, 'Continue').focus();
    await sendKeys({ press: 'Enter' });
    const practitioner = await stepOf(el, 'itb-practitioner-step');
    await waitFor(() => practitioner.shadowRoot!.activeElement?.tagName === 'H2', 'practitioner heading focused');
    button(practitioner, 'Continue').focus();
    await sendKeys({ press: 'Enter' });
    const time = await stepOf(el, 'itb-time-step');
    await waitFor(() => time.shadowRoot!.activeElement?.tagName === 'H2', 'time heading focused');
    const times = await timeButtons(el);
    const first = times[0] ?? (await (async () => { button(time, 'Next week').click(); return (await timeButtons(el))[0]; })());
    first!.focus();
    await sendKeys({ press: 'Enter' });
    const review = await stepOf(el, 'itb-review-step');
    await waitFor(() => review.shadowRoot!.activeElement?.tagName === 'H2', 'review heading focused');
  });

  it('reads ?campaign= from the page URL only when campaign-from-url allows it', async () => {
    const original = location.href;
    const url = new URL(original);
    url.searchParams.set('campaign', 'SPRING26');
    history.replaceState(null, '', url);
    try {
      const ignoring = await mount();
      await catalogLoaded(ignoring);
      expect(deepText(ignoring)).to.not.contain('Campaign code SPRING26 applied.');
      ignoring.remove();
      const el = await mount();
      el.campaignFromUrl = true;
      await waitFor(() => deepText(el).includes('Campaign code SPRING26 applied.'), 'campaign from the URL');
    } finally {
      history.replaceState(null, '', original);
    }
  });
});
