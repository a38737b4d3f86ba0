import { expect, oneEvent } from '@open-wc/testing';
import type { ItbBooking } from '../../itb-booking/itb-booking.js';
import {
  bookVisit, button, chooseFirstTime, deepQuery, deepQueryAll, deepText, mount, resetSandbox, signIn, signOut,
  stepOf, waitFor, waitForButton,
} from '../../testing/widget.test-support.js';

/** The upcoming booking cards, once loaded. */
async function upcomingCards(el: ItbBooking): Promise<HTMLElement[]> {
  const step = await stepOf(el, 'itb-my-bookings');
  await waitFor(() => step.shadowRoot!.querySelector('section[aria-labelledby="upcoming"]'), 'list loaded');
  return deepQueryAll(step, 'section[aria-labelledby="upcoming"] li');
}

describe('itb-my-bookings', () => {
  before(async () => {
    await resetSandbox();
  });

  it('asks a signed-out patient to sign in', async () => {
    await signOut();
    const el = await mount({ view: 'my-bookings' });
    const step = await stepOf(el, 'itb-my-bookings');
    await waitFor(() => deepText(step).includes('Sign in with BankID to see your bookings.'), 'prompt');
    await expect(el).to.be.accessible();
  });

  it('lists upcoming bookings; cancelling asks first in a dialog, "keep" changes nothing, "yes" cancels', async () => {
    await signIn();
    const booking = await mount();
    await bookVisit(booking, 'hs-stockholm-sodermalm', 'ad-examination-30');
    booking.remove();
    const el = await mount({ view: 'my-bookings' });
    const cards = await upcomingCards(el);
    const card = cards.find((c) => c.textContent!.includes('Undersökning') && c.textContent!.includes('Södermalm'))!;
    expect(card, 'the new booking').to.not.equal(undefined);
    // Södermalm does not reschedule online: the reason is shown instead of the button.
    expect(card.textContent).to.contain('This clinic does not allow changing times online.');
    await expect(el).to.be.accessible();
    const step = await stepOf(el, 'itb-my-bookings');
    button(card, 'Cancel booking').click();
    let dialog = await waitFor(() => deepQuery<HTMLDialogElement>(step, 'dialog[open]'), 'dialog open');
    expect(dialog.getAttribute('aria-labelledby')).to.equal('cancel-title');
    await expect(el).to.be.accessible();
    button(dialog, 'No, keep it').click();
    await step.updateComplete;
    expect(deepQuery(step, 'dialog[open]')).to.equal(undefined);
    expect(deepText(step)).to.not.contain('The booking was cancelled.');
    // Focus goes back to the button that opened the dialog, not to the page.
    expect(step.shadowRoot!.activeElement).to.equal(button(card, 'Cancel booking'));
    button(card, 'Cancel booking').click();
    dialog = await waitFor(() => deepQuery<HTMLDialogElement>(step, 'dialog[open]'), 'dialog open again');
    const cancelled = oneEvent(el, 'itb-cancelled');
    button(dialog, 'Yes, cancel it').click();
    const detail = (await cancelled).detail;
    expect(Object.keys(detail).sort()).to.deep.equal(['appointmentId', 'start']);
    await waitFor(() => deepText(step).includes('The booking was cancelled.'), 'notice');
    // The card's Cancel button is gone: focus lands on the result, which the polite region also says.
    await waitFor(() => step.shadowRoot!.activeElement?.textContent?.includes('The booking was cancelled.'), 'result focused');
    await waitFor(() => el.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent!.includes('The booking was cancelled.'), 'result announced');
  });

  it('reschedules through the time picker and fires itb-rescheduled', async () => {
    await signIn();
    const booking = await mount();
    await bookVisit(booking, 'hs-stockholm-city', 'ad-whitening-60', { practitioner: 'pr-anna-berg-sto', weeks: 2 });
    booking.remove();
    const el = await mount({ view: 'my-bookings' });
    const cards = await upcomingCards(el);
    const card = cards.find((c) => c.textContent!.includes('Tandblekning') && !c.textContent!.includes('Cancelled'))!;
    button(card, 'Change time').click();
    const time = await stepOf(el, 'itb-time-step');
    expect(deepText(time)).to.contain('Choose a new time');
    const review = await chooseFirstTime(el, 3);
    expect(deepText(review)).to.contain('Current time');
    const moved = oneEvent(el, 'itb-rescheduled');
    (await waitForButton(review, 'Confirm new time')).click();
    const detail = (await moved).detail;
    expect(detail.start).to.not.equal(detail.previousStart);
    const confirmation = await stepOf(el, 'itb-confirmation-step');
    expect(deepText(confirmation)).to.contain('Your booking has been moved');
  });

  it('shows why a change is not allowed at a clinic that does not allow it', async () => {
    await signIn();
    const booking = await mount();
    await bookVisit(booking, 'hs-oslo-sentrum', 'ad-examination-30');
    booking.remove();
    const el = await mount({ view: 'my-bookings' });
    const cards = await upcomingCards(el);
    const card = cards.find((c) => c.textContent!.includes('Oslo'))!;
    expect(card.textContent).to.contain('This clinic does not allow cancelling online.');
    expect(deepQueryAll(card, 'button').map((b) => b.textContent!.trim())).to.not.include('Cancel booking');
    // "Please call the clinic" comes with the number to call, once per card.
    const contacts = card.querySelectorAll('itb-clinic-contact');
    expect(contacts.length).to.equal(1);
    const call = await waitFor(() => contacts[0]!.shadowRoot?.querySelector('a'), 'contact link');
    expect(call.getAttribute('href')).to.equal('tel:+4722123405');
    await expect(el).to.be.accessible();
  });
});
