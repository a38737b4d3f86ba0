import { expect, oneEvent } from '@open-wc/testing';
import { en } from '../../locales/en.js';
import { formatDateTime } from '../../locales/format.js';
import {
  button, chooseFirstTime, confirmBooking, deepQuery, deepText, goToTimes, mount, resetSandbox, signIn, snapshotOf, stepOf, timeButtons, weeksAhead,
} from '../../testing/widget.test-support.js';

/** An instant as RFC 5545 writes it in UTC: 20260915T080000Z. */
const icsUtc = (iso: string) => new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');

describe('itb-confirmation-step', () => {
  before(async () => {
    await resetSandbox();
    await signIn();
  });

  it('shows what, where and when, and offers an .ics in UTC and a way to My bookings', async () => {
    const el = await mount();
    await goToTimes(el, 'hs-goteborg-centrum', 'ad-examination-30');
    await timeButtons(el);
    await weeksAhead(el, 2);
    await chooseFirstTime(el);
    const chosen = snapshotOf(el).chosenTime!;
    const booked = oneEvent(el, 'itb-booked');
    await confirmBooking(el);
    expect(Date.parse((await booked).detail.start)).to.equal(Date.parse(chosen.start));
    const step = await stepOf(el, 'itb-confirmation-step');
    const text = deepText(step);
    expect(text).to.contain('Your booking is confirmed');
    expect(text).to.contain('Fjordvik Tandvård Göteborg');
    expect(text).to.contain('Undersökning');
    // The time the patient chose, in the clinic's zone on screen and in UTC in the calendar file.
    expect(deepQuery(step, 'dl.summary dd:nth-of-type(3)')!.textContent).to.equal(formatDateTime(en, chosen.start, 'Europe/Stockholm'));
    const link = deepQuery<HTMLAnchorElement>(step, 'a[download="booking.ics"]')!;
    expect(link.textContent).to.contain('Add to calendar');
    const ics = await (await fetch(link.href)).text();
    expect(ics).to.contain(`\r\nDTSTART:${icsUtc(chosen.start)}\r\nDTEND:${icsUtc(chosen.end)}\r\n`);
    expect(ics).to.contain('SUMMARY:Undersökning – Fjordvik Tandvård Göteborg');
    expect(ics).to.contain('LOCATION:Fjordvik Tandvård Göteborg');
    await expect(el).to.be.accessible();
    button(step, 'Go to My bookings').click();
    await stepOf(el, 'itb-my-bookings');
  });
});
