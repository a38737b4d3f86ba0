import { expect, oneEvent } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { AvailableTime } from '@itb/shared';
import type { ItbBooking } from '../../itb-booking/itb-booking.js';
import { createParameters } from '../../state/book-request.js';
import { EMPTY_FORM } from '../../state/booking-state.js';
import { saveJourney } from '../../state/journey-storage.js';
import {
  button, chooseFirstTime, confirmBooking, deepQuery, deepText, goToTimes, mount, resetSandbox, signIn, signOut,
  snapshotOf, stepOf, timeButtons, waitFor, waitForButton, weeksAhead,
} from '../../testing/widget.test-support.js';

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
    await chooseFirstTime(el);
    const review = await stepOf(el, 'itb-review-step');
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
    await timeButtons(el);
    await weeksAhead(el, 1);
    await chooseFirstTime(el);
    const review = await stepOf(el, 'itb-review-step');
    const signedIn = oneEvent(el, 'itb-signed-in');
    // A real key press, so the popup has user activation and is not blocked.
    button(review, 'Sign in with BankID').focus();
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
    expect(Object.keys(detail).sort()).to.deep.equal(['appointmentId', 'clinicId', 'end', 'practitionerRoleId', 'start', 'treatmentId']);
    expect(detail.clinicId).to.equal('hs-stockholm-city');
    expect(detail.treatmentId).to.equal('ad-hygiene-45');
    expect(JSON.stringify(detail)).to.not.match(/198503149828|Alva|Andersson|4670/);
    expect(await bookings()).to.equal(before + 1);
  });

  it('refuses to book without the terms and a phone number, and books nothing', async () => {
    await signIn();
    const el = await mount();
    await goToTimes(el, 'hs-stockholm-city', 'ad-hygiene-45');
    await chooseFirstTime(el);
    const review = await stepOf(el, 'itb-review-step');
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
});
