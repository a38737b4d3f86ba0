/**
 * Journey 3: My bookings. A fresh booking is listed; the patient moves it to another time, then
 * cancels it. A booking inside the clinic's cancellation window offers no cancel button and says
 * why, and so does one at a clinic that does not allow online cancellation at all.
 */
import type { Page } from 'playwright-core';
import { afterEach, expect, it } from 'vitest';
import { PERSONS, signInAs } from './support/bankid.js';
import { chooseUpToReview, confirmBooking, signInFromReview, timeKey } from './support/booking.js';
import { stack, startJourney, type Journey } from './support/journey.js';
import { bookingsOf, setSandboxNow } from './support/sandbox.js';
import { TRANSLATIONS, visible, widgetOn, type Widget } from './support/widget.js';

const t = TRANSLATIONS.sv;
let journey: Journey | undefined;
afterEach(async () => {
  await journey?.close();
  journey = undefined;
  await setSandboxNow(undefined);
});

async function openMyBookings(page: Page): Promise<Widget> {
  await page.goto(new URL('/mina-bokningar', stack().demo).href);
  const w = widgetOn(page, t);
  await w.atStep(t.myBookings.heading);
  return w;
}

function bookingCard(w: Widget, text: string | RegExp) {
  return w.root.getByRole('listitem').filter({ hasText: text });
}

it('lists a new booking, moves it to another time, then cancels it', async () => {
  journey = await startJourney('manage-my-bookings', { path: '/kliniker/stockholm-city' });
  let w = widgetOn(journey.page, t);
  await chooseUpToReview(journey, w, { clinic: /Stockholm City/, treatment: /^Undersökning/ });
  await signInFromReview(journey, w, 'annaMaria');
  await confirmBooking(journey, w);
  const [booked] = await bookingsOf(PERSONS.annaMaria.personalNumber);
  expect(booked).toBeDefined();

  w = await openMyBookings(journey.page);
  const card = bookingCard(w, /Stockholm City/).filter({ has: w.root.page().getByRole('button', { name: t.myBookings.cancel }) });
  await visible(card.first());
  await journey.step('listed');
  expect(await card.count()).toBe(1);

  await card.getByRole('button', { name: t.myBookings.reschedule }).click();
  await w.atStep(t.time.rescheduleHeading);
  const times = w.times();
  await w.firstFreeTime();
  // Late on a Friday this week may hold a single time (or none): then take next week's.
  if (await times.count() < 2) {
    await w.root.getByRole('button', { name: t.time.nextWeek }).click();
    await expect.poll(() => times.count()).toBeGreaterThan(1);
  }
  await journey.step('reschedule-times');
  // Any other time than the first (which may be the booked one's neighbour or the booked one itself).
  const other = times.nth(1);
  const otherKey = await timeKey(other);
  await other.click();
  await w.atStep(t.review.rescheduleHeading);
  await journey.step('reschedule-review');
  await w.root.getByRole('button', { name: t.review.confirmReschedule }).click();
  await w.atStep(t.confirmation.rescheduledHeading);
  await journey.step('rescheduled');
  const [moved] = await bookingsOf(PERSONS.annaMaria.personalNumber);
  expect(moved?.id).toBe(booked!.id);
  expect(moved?.start).not.toBe(booked!.start);
  expect(otherKey).toContain(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit' }).format(new Date(moved!.start!)));

  w = await openMyBookings(journey.page);
  const again = bookingCard(w, /Stockholm City/).filter({ has: w.root.page().getByRole('button', { name: t.myBookings.cancel }) });
  await again.getByRole('button', { name: t.myBookings.cancel }).click();
  const dialog = w.root.getByRole('dialog', { name: t.myBookings.cancelTitle });
  await visible(dialog);
  await journey.step('cancel-dialog');
  await dialog.getByRole('button', { name: t.myBookings.cancelConfirm }).click();
  await visible(w.says(t.myBookings.cancelledNotice));
  await journey.step('cancelled');
  expect(await bookingsOf(PERSONS.annaMaria.personalNumber)).toHaveLength(0);
  expect(await bookingsOf(PERSONS.annaMaria.personalNumber, 'cancelled')).toHaveLength(1);
});

it('a booking inside the cancellation window cannot be cancelled, and the page says why', async () => {
  // Göteborg Centrum allows online cancellation until 48 h before the visit, with no grace period.
  journey = await startJourney('cancel-window-passed', { path: '/kliniker/goteborg-centrum' });
  let w = widgetOn(journey.page, t);
  await chooseUpToReview(journey, w, { clinic: /Göteborg Centrum/, treatment: /^Undersökning/ });
  await signInFromReview(journey, w, 'ola');
  await confirmBooking(journey, w);
  const [booked] = (await bookingsOf(PERSONS.ola.personalNumber)).filter((a) => JSON.stringify(a).includes('hs-goteborg-centrum'));
  const start = Date.parse(booked!.start!);

  // Jump to one day before the visit, for the sandbox and for the page alike; if the visit is
  // already within 48 h, today will do.
  const inside = new Date(Math.max(Date.now(), start - 24 * 3_600_000));
  await setSandboxNow(inside);
  await journey.page.clock.setFixedTime(inside);
  w = await openMyBookings(journey.page);
  const card = bookingCard(w, /Göteborg Centrum/).first();
  await visible(card);
  await visible(card.getByText(`${t.myBookings.cancel}: ${t.reasons['cancel-window-passed']}`));
  expect(await card.getByRole('button', { name: t.myBookings.cancel }).count()).toBe(0);
  await journey.step('cancel-window-passed');
  expect(await bookingsOf(PERSONS.ola.personalNumber)).toContainEqual(expect.objectContaining({ id: booked!.id }));
});

it('a clinic that takes no online cancellations says so', async () => {
  // Kari Nordmann's seeded upcoming visit at Oslo Sentrum, where changes go by phone only.
  journey = await startJourney('cancellation-not-allowed', { path: '/mina-bokningar' });
  const w = widgetOn(journey.page, t);
  await w.atStep(t.myBookings.heading);
  const popupPromise = journey.context.waitForEvent('page');
  await w.root.getByRole('button', { name: t.review.signIn }).click();
  const popup = await popupPromise;
  await signInAs(popup, 'kari');
  const card = bookingCard(w, /Oslo Sentrum/).first();
  await visible(card);
  await visible(card.getByText(`${t.myBookings.cancel}: ${t.reasons['cancellation-not-allowed']}`));
  await journey.step('cancellation-not-allowed');
});
