import { expect } from '@open-wc/testing';
import {
  bookVisit, button, deepQuery, deepText, mount, resetSandbox, signIn, stepOf,
} from '../../testing/widget.test-support.js';

describe('itb-confirmation-step', () => {
  before(async () => {
    await resetSandbox();
    await signIn();
  });

  it('shows what, where and when, and offers an .ics in UTC and a way to My bookings', async () => {
    const el = await mount();
    await bookVisit(el, 'hs-goteborg-centrum', 'ad-examination-30');
    const step = await stepOf(el, 'itb-confirmation-step');
    const text = deepText(step);
    expect(text).to.contain('Your booking is confirmed');
    expect(text).to.contain('Fjordvik Tandvård Göteborg');
    expect(text).to.contain('Undersökning');
    const link = deepQuery<HTMLAnchorElement>(step, 'a[download="booking.ics"]')!;
    expect(link.textContent).to.contain('Add to calendar');
    const ics = await (await fetch(link.href)).text();
    expect(ics).to.match(/DTSTART:\d{8}T\d{6}Z\r\n/);
    expect(ics).to.contain('SUMMARY:Undersökning – Fjordvik Tandvård Göteborg');
    expect(ics).to.contain('LOCATION:Fjordvik Tandvård Göteborg');
    await expect(el).to.be.accessible();
    button(step, 'Go to My bookings').click();
    await stepOf(el, 'itb-my-bookings');
  });
});
