import { expect, oneEvent } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { readBookingConfirmation, type AvailableTime, type ItbProblem } from '@itb/shared';
import { html } from 'lit';
import { en } from '../../locales/en.js';
import type { ItbBooking } from '../../itb-booking/itb-booking.js';
import { createParameters } from '../../state/book-request.js';
import { EMPTY_FORM } from '../../state/booking-state.js';
import { saveJourney } from '../../state/journey-storage.js';
import {
  button, chooseFirstTime, confirmBooking, deepQuery, deepText, goToTimes, mount, resetSandbox, signIn, signOut,
  snapshotOf, stepOf, timeButtons, waitFor, waitForButton, weeksAhead,
} from '../../testing/widget.test-support.js';
import { CLINIC, catalogWith, provide, snapshot } from '../itb-clinic-contact/snapshot-host.test-support.js';
import type { ItbReviewStep } from './itb-review-step.js';

/** The time the widget holds for booking (the `$find` Appointment, as the widget will send it). */
function chosenTime(el: ItbBooking): AvailableTime {
  const time = snapshotOf(el).chosenTime;
  if (time === undefined) throw new Error('no time chosen');
  return time;
}

/** A second adult test person of the sandbox. */
const OTHER_PERSON = '197211059840';

const bookings = () => executeServerCommand<number, undefined>('itb-sandbox-bookings');

describe('itb-review-step', () => {
  before(async () => {
    await resetSandbox();
  });

  it('signed out: shows the summary and a BankID sign-in, no booking button', async () => {
    await signOut();
    const el = await mount();
    await goToTimes(el, 'hs-stockholm-city', 'ad-hygiene-45');
    const review = await chooseFirstTime(el);
    const text = deepText(review);
    expect(text).to.contain('Fjordvik Tandvård Stockholm City');
    expect(text).to.contain('Tandhygienistbesök');
    expect(text).to.contain('Välkommen!');
    expect(text).to.not.contain('<b>');
    // The sign-in offer appears once the session has answered "signed out".
    await waitForButton(review, 'Sign in with BankID');
    expect(() => button(review, 'Book')).to.throw();
    await expect(el).to.be.accessible();
  });

  it('signs in through the popup, prefills the phone, and books with an itb-booked event carrying ids only', async () => {
    await signOut();
    const el = await mount();
    await goToTimes(el, 'hs-stockholm-city', 'ad-hygiene-45');
    const review = await chooseFirstTime(el, 1);
    const signedIn = oneEvent(el, 'itb-signed-in');
    // A real key press, so the popup has user activation and is not blocked.
    (await waitForButton(review, 'Sign in with BankID')).focus();
    await sendKeys({ press: 'Enter' });
    await executeServerCommand<boolean, undefined>('itb-complete-popup-login');
    expect((await signedIn).detail).to.deep.equal({ mode: 'popup' });
    const phone = await waitFor(() => { const p = deepQuery<HTMLInputElement>(review, 'input#phone'); return p !== undefined && p.value !== '' ? p : undefined; }, 'phone prefilled');
    expect(phone.value).to.equal('+46701740605');
    expect(deepText(review)).to.contain('Signed in as');
    await expect(el).to.be.accessible();
    const before = await bookings();
    const booked = oneEvent(el, 'itb-booked');
    await confirmBooking(el);
    const detail = (await booked).detail;
    expect(Object.keys(detail).sort()).to.deep.equal(['appointmentId', 'attribution', 'clinicId', 'end', 'practitionerRoleId', 'start', 'treatmentId']);
    expect(detail.attribution).to.deep.equal({});
    expect(detail.clinicId).to.equal('hs-stockholm-city');
    expect(detail.treatmentId).to.equal('ad-hygiene-45');
    expect(JSON.stringify(detail)).to.not.match(/198503149828|Alva|Andersson|4670/);
    expect(await bookings()).to.equal(before + 1);
  });

  it('refuses to book without the terms and a phone number, and books nothing', async () => {
    await signIn();
    const el = await mount();
    await goToTimes(el, 'hs-stockholm-city', 'ad-hygiene-45');
    const review = await chooseFirstTime(el);
    // Wait for the prefill from the patient record, then clear it as a patient would.
    const phone = await waitFor(() => { const p = deepQuery<HTMLInputElement>(review, 'input#phone'); return p?.value === '' ? undefined : p; }, 'prefilled form');
    phone.value = '';
    phone.dispatchEvent(new Event('input'));
    await review.updateComplete;
    const before = await bookings();
    button(review, 'Book').click();
    await review.updateComplete;
    const text = deepText(review);
    expect(text).to.contain('Please enter your mobile phone number.');
    expect(text).to.contain('Please accept the terms to book.');
    expect(phone.getAttribute('aria-invalid')).to.equal('true');
    await waitFor(() => review.shadowRoot!.activeElement === phone, 'focus on the phone field');
    expect(await bookings()).to.equal(before);
    await expect(el).to.be.accessible();
  });

  it('a time taken meanwhile gives a clear message and fresh times', async () => {
    await signIn();
    const el = await mount();
    await goToTimes(el, 'hs-stockholm-sodermalm', 'ad-hygiene-45', 'pr-mikael-lund-sod');
    await timeButtons(el);
    await weeksAhead(el, 2);
    const times = await timeButtons(el);
    times[0]!.click();
    await stepOf(el, 'itb-review-step');
    // Another patient books the same time between $find and $book (through the real BFF).
    const chosen = chosenTime(el);
    const parameters = createParameters(chosen.appointment, { ...EMPTY_FORM, mobilePhone: '+46701740699', termsAccepted: true });
    const status = await executeServerCommand<number, { personalNumber: string; parameters: unknown }>('itb-book-as', { personalNumber: OTHER_PERSON, parameters });
    expect(status).to.equal(200);
    const before = await bookings();
    await confirmBooking(el).catch(() => undefined);
    const time = await stepOf(el, 'itb-time-step');
    await waitFor(() => deepText(time).includes('someone else just booked that time'), 'slot-taken message');
    await timeButtons(el);
    const fresh = snapshotOf(el).times.items;
    expect(fresh.length).to.be.greaterThan(0);
    expect(fresh.map((t) => t.slotId)).to.not.include(chosen.slotId);
    expect(await bookings()).to.equal(before);
  });

  it('restores the journey saved before a login redirect', async () => {
    await signIn();
    const el0 = await mount();
    await goToTimes(el0, 'hs-stockholm-city', 'ad-examination-30');
    await chooseFirstTime(el0);
    const chosen = chosenTime(el0);
    el0.remove();
    saveJourney('itb-booking:0', {
      version: 1, step: 'review', clinicId: 'hs-stockholm-city', treatmentId: 'ad-examination-30', chosenTime: chosen,
      form: { ...EMPTY_FORM, comment: 'Kept across the redirect' }, awaitingLogin: true,
    });
    const signedIn = oneEvent(document, 'itb-signed-in');
    const el = await mount();
    const review = await stepOf(el, 'itb-review-step');
    expect((await signedIn).detail).to.deep.equal({ mode: 'redirect' });
    const comment = await waitFor(() => deepQuery<HTMLTextAreaElement>(review, 'textarea#comment'), 'form');
    expect(comment.value).to.equal('Kept across the redirect');
    expect(sessionStorage.getItem('itb-booking:0')).to.equal(null);
  });

  it('asks for SMS confirmation as a yes/no choice, Yes preselected, and books each answer as given', async () => {
    await signIn();
    for (const [answer, code] of [['no', 'no-booking-confirmation'], ['yes', 'send-confirmation-by-sms']] as const) {
      const el = await mount();
      await goToTimes(el, 'hs-stockholm-city', 'ad-hygiene-45');
      const review = await chooseFirstTime(el, 1);
      const group = await waitFor(() => deepQuery<HTMLFieldSetElement>(review, 'fieldset.sms'), 'SMS choice');
      expect(group.querySelector('legend')!.textContent).to.equal(en.review.smsLegend);
      const yes = group.querySelector<HTMLInputElement>('input#sms-yes')!;
      const no = group.querySelector<HTMLInputElement>('input#sms-no')!;
      expect([yes.checked, no.checked]).to.deep.equal([true, false]);
      expect(yes.labels![0]!.textContent).to.equal(en.review.smsYes);
      expect(no.labels![0]!.textContent).to.equal(en.review.smsNo);
      // A click on an answer means that answer, also on the one already chosen (a checkbox would flip).
      (answer === 'no' ? no : yes).click();
      await review.updateComplete;
      expect(snapshotOf(el).form.smsConfirmation).to.equal(answer === 'yes');
      await expect(el).to.be.accessible();
      await confirmBooking(el);
      expect(readBookingConfirmation(snapshotOf(el).booked!.appointment)).to.equal(code);
    }
  });

  it('links the terms to terms-url in a new tab, refuses a javascript: address and stays plain without one', async () => {
    await signIn();
    const el = await mount();
    el.setAttribute('terms-url', 'https://fjordvik.example/villkor');
    await goToTimes(el, 'hs-stockholm-city', 'ad-examination-30');
    const review = await chooseFirstTime(el);
    const label = () => deepQuery<HTMLLabelElement>(review, 'label[for="terms"]');
    const termsLink = () => deepQuery<HTMLAnchorElement>(review, '.terms-link a');
    const link = await waitFor(termsLink, 'terms link');
    expect(link.getAttribute('href')).to.equal('https://fjordvik.example/villkor');
    expect([link.target, link.rel]).to.deep.equal(['_blank', 'noopener']);
    expect(link.textContent).to.contain(en.review.readTerms);
    expect(link.textContent).to.contain(en.contact.newTab);
    expect(link.getBoundingClientRect().height).to.be.at.least(44);
    expect(label()!.textContent).to.equal(en.review.terms);
    await expect(el).to.be.accessible();
    el.setAttribute('terms-url', 'javascript:alert(1)');
    await waitFor(() => termsLink() === undefined, 'javascript: not linked');
    el.setAttribute('terms-url', '/villkor');
    await waitFor(() => termsLink()?.href === new URL('/villkor', location.href).href, 'a relative address resolves against the page');
    el.removeAttribute('terms-url');
    await waitFor(() => termsLink() === undefined, 'no link without the attribute');
    expect(label()!.textContent).to.equal(en.review.terms);
  });

  it('follows a refusal only the clinic can help with by the clinic\'s phone, and a slot taken by nothing', async () => {
    const refused = (reason: ItbProblem['reason']) => provide<ItbReviewStep>(snapshot({
      step: 'review', catalog: catalogWith(CLINIC), clinicId: CLINIC.id, treatmentId: 'ad-test', session: { signedIn: true },
      bookStatus: 'error', bookProblem: { reason, issueCode: 'business-rule', diagnostics: '', status: 422 },
    }), html`<itb-review-step></itb-review-step>`, 'itb-review-step');
    const tooSoon = await refused('too-soon');
    const notice = tooSoon.shadowRoot!.querySelector('.notice.error')!;
    expect(notice.textContent).to.contain(en.reasons['too-soon']);
    const contact = await waitFor(() => notice.querySelector('itb-clinic-contact')?.shadowRoot?.querySelector('a'), 'contact link');
    expect(contact.getAttribute('href')).to.equal('tel:+46855500011');
    await expect(tooSoon).to.be.accessible();
    const network = await refused('network');
    expect(network.shadowRoot!.querySelector('.notice.error')!.textContent).to.contain(en.reasons.network);
    expect(network.shadowRoot!.querySelector('itb-clinic-contact')).to.equal(null);
  });
});
