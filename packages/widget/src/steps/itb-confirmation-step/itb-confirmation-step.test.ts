import { bookingReference, SYSTEM, type Appointment, type Clinic } from '@itb/shared';
import { expect, oneEvent } from '@open-wc/testing';
import { html } from 'lit';
import { en } from '../../locales/en.js';
import { formatDateTime } from '../../locales/format.js';
import {
  bookVisit, button, chooseFirstTime, confirmBooking, deepQuery, deepText, goToTimes, mount, resetSandbox, signIn, snapshotOf, stepOf, waitFor,
} from '../../testing/widget.test-support.js';
import { CLINIC, catalogWith, provide, snapshot } from '../itb-clinic-contact/snapshot-host.test-support.js';
import type { ItbConfirmationStep } from './itb-confirmation-step.js';
import './itb-confirmation-step.js';

/** An instant as RFC 5545 writes it in UTC: 20260915T080000Z. */
const icsUtc = (iso: string) => new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
const HOUR = 3_600_000;

/** The link of the clinic contact inside `root` (in the contact's own shadow root), once rendered. */
const contactLink = (root: Element) => waitFor(() => deepQuery(root, 'itb-clinic-contact')?.shadowRoot?.querySelector('a'), 'contact link');

describe('itb-confirmation-step', () => {
  before(async () => {
    await resetSandbox();
    await signIn();
  });

  it('shows what, where, when, the reference and price, until when it can be changed, and .ics, Google and Outlook links', async () => {
    const el = await mount();
    await goToTimes(el, 'hs-goteborg-centrum', 'ad-examination-30');
    await chooseFirstTime(el, 2);
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
    // The reference is the clinic system's booking key (the sandbox's is a number), not the long ITB id.
    const appointment = snapshotOf(el).booked!.appointment;
    const reference = deepQuery(step, 'dd.reference')!.textContent!;
    expect(reference).to.equal(bookingReference(appointment));
    expect(reference).to.match(/^\d+$/);
    expect(reference).to.not.equal(appointment.id);
    // The sandbox's organisation says always-show-price; the clinic's address and language are on the text.
    expect(deepQuery(step, 'dd.price')!.textContent).to.equal('från 895 kr');
    const where = deepQuery(step, 'dl.summary dd:nth-of-type(2)')!;
    expect(where.textContent).to.match(/^Fjordvik Tandvård Göteborg Centrum, .+ Göteborg$/);
    expect(where.getAttribute('lang')).to.equal('sv');
    // Göteborg lets patients cancel and move up to 48 h before.
    const until = new Date(Date.parse(appointment.start!) - 48 * HOUR).toISOString();
    expect(text).to.contain(en.confirmation.changeUntil(formatDateTime(en, until, 'Europe/Stockholm')));
    expect((await contactLink(step)).getAttribute('href')).to.equal('tel:+463112345003');
    const link = deepQuery<HTMLAnchorElement>(step, 'a[download="booking.ics"]')!;
    expect(link.textContent).to.contain('Add to calendar');
    const ics = await (await fetch(link.href)).text();
    expect(ics).to.contain(`\r\nDTSTART:${icsUtc(chosen.start)}\r\nDTEND:${icsUtc(chosen.end)}\r\n`);
    expect(ics).to.contain('SUMMARY:Undersökning – Fjordvik Tandvård Göteborg');
    expect(ics).to.contain('LOCATION:Fjordvik Tandvård Göteborg');
    const google = new URL(deepQuery<HTMLAnchorElement>(step, 'a[href^="https://calendar.google.com/"]')!.href);
    expect(google.searchParams.get('dates')).to.equal(`${icsUtc(chosen.start)}/${icsUtc(chosen.end)}`);
    expect(google.searchParams.get('text')).to.equal('Undersökning – Fjordvik Tandvård Göteborg Centrum');
    expect(google.searchParams.get('location')).to.equal(where.textContent);
    const outlook = deepQuery<HTMLAnchorElement>(step, 'a[href^="https://outlook.live.com/"]')!;
    expect(new URL(outlook.href).searchParams.get('startdt')).to.equal(new Date(chosen.start).toISOString());
    expect(outlook.rel).to.equal('noopener');
    // Nothing about the patient (or their practitioner) goes to Google or Microsoft.
    expect(`${google.href} ${outlook.href}`).to.not.match(/198503149828|Alva|Andersson|4670|practitioner/i);
    await expect(el).to.be.accessible();
    button(step, 'Go to My bookings').click();
    await stepOf(el, 'itb-my-bookings');
  });

  it('says a booking at a clinic that allows no online changes cannot be changed online, and how to call', async () => {
    const el = await mount();
    await bookVisit(el, 'hs-oslo-sentrum', 'ad-examination-30');
    const step = await stepOf(el, 'itb-confirmation-step');
    const text = deepText(step);
    expect(text).to.contain(en.reasons['cancellation-not-allowed']);
    expect(text).to.contain(en.reasons['rescheduling-not-allowed']);
    expect(text).to.not.contain('online until');
    expect((await contactLink(step)).getAttribute('href')).to.equal('tel:+4722123405');
    await expect(el).to.be.accessible();
  });

  describe('with a snapshot built in the test', () => {
    const start = new Date(Date.now() + 72 * HOUR);
    start.setUTCMinutes(0, 0, 0);
    const appointment: Appointment = {
      resourceType: 'Appointment', id: '001-2026-09-15T10:00:00-B3301-E8813-R1-A7', status: 'booked',
      start: start.toISOString(), end: new Date(start.getTime() + 45 * 60_000).toISOString(), participant: [],
      identifier: [{ system: `${SYSTEM.appointmentSourcePrefix}/e7d6`, value: '771234' }],
    };
    const confirmationAt = (clinic: Clinic) => provide<ItbConfirmationStep>(snapshot({
      step: 'confirmation', catalog: catalogWith(clinic), session: { signedIn: true },
      booked: { appointment, warnings: [], kind: 'create', clinicId: clinic.id, treatmentId: 'ad-test', practitionerRoleId: 'pr-test' },
    }), html`<itb-confirmation-step></itb-confirmation-step>`, 'itb-confirmation-step');

    it('shows the price where the organisation allows it and hides it for never-show-price', async () => {
      const shown = await confirmationAt(CLINIC);
      expect(deepQuery(shown, 'dd.price')?.textContent).to.equal('1 095 kr');
      expect(deepQuery(shown, 'dd.reference')?.textContent).to.equal('771234');
      const hidden = await confirmationAt({ ...CLINIC, priceAtConfirmation: false });
      expect(deepQuery(hidden, 'dd.price')).to.equal(undefined);
      expect(deepText(hidden)).to.not.contain('1 095 kr');
      await expect(hidden).to.be.accessible();
    });

    it('gives each kind of change its own deadline when they differ, and how to reach a clinic without a phone', async () => {
      const { phone: _phone, ...noPhone } = CLINIC;
      const step = await confirmationAt({ ...noPhone, email: 'test@fjordvik.example', bookingRules: { allowCancellationRemainingHours: 24, allowRescheduleRemainingHours: 48 } });
      const text = deepText(step);
      const at = (hours: number) => formatDateTime(en, new Date(start.getTime() - hours * HOUR).toISOString(), 'Europe/Stockholm');
      expect(text).to.contain(en.confirmation.cancelUntil(at(24)));
      expect(text).to.contain(en.confirmation.rescheduleUntil(at(48)));
      const mail = await contactLink(step);
      expect(mail.getAttribute('href')).to.equal('mailto:test@fjordvik.example');
      // The practitioner is on screen but never in the third-party calendar links.
      expect(text).to.contain('Elin Holm');
      const google = deepQuery<HTMLAnchorElement>(step, 'a[href^="https://calendar.google.com/"]')!;
      expect(decodeURIComponent(google.href)).to.not.contain('Elin Holm');
    });
  });
});
