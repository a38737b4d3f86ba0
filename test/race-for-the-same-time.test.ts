/**
 * Journey 4: two patients in two browsers race for one time. The first books it; the second is told
 * the time was just taken and sees fresh times without it.
 */
import { afterEach, expect, it } from 'vitest';
import { PERSONS } from './support/bankid.js';
import { chooseUpToReview, signInOnMyBookings, timeKey } from './support/booking.js';
import { stack, startJourney, type Journey } from './support/journey.js';
import { bookingsOf } from './support/sandbox.js';
import { TRANSLATIONS, visible, widgetOn } from './support/widget.js';

const t = TRANSLATIONS.sv;
const journeys: Journey[] = [];
afterEach(async () => { await Promise.all(journeys.splice(0).map((j) => j.close())); });

it('one books, the other hears the time was taken and gets fresh times', async () => {
  const choice = { clinic: /Stockholm City/, treatment: /^Tandhygienistbesök/, practitioner: /Elin Holm/ };
  const first = await startJourney('race-first');
  journeys.push(first);
  const second = await startJourney('race-second');
  journeys.push(second);
  const a = widgetOn(first.page, t);
  const b = widgetOn(second.page, t);

  // Both sign in first and then look at the times together, so that all that follows their look
  // at the times takes a few seconds: well inside the BFF's short $find cache (ITB_FIND_TTL_SECONDS),
  // which must not show the loser the taken time again.
  await signInOnMyBookings(first, a, 'lars');
  await signInOnMyBookings(second, b, 'alva');
  await first.page.goto(new URL('/', stack().demo).href);
  await second.page.goto(new URL('/', stack().demo).href);
  const [timeA, timeB] = await Promise.all([chooseUpToReview(first, a, choice), chooseUpToReview(second, b, choice)]);
  expect(timeB).toBe(timeA);
  await Promise.all([a.fillReview(), b.fillReview()]);

  await a.book();
  await a.atStep(t.confirmation.heading);
  await first.step('first-booked');
  const before = await bookingsOf(PERSONS.alva.personalNumber);

  await b.book();
  await visible(b.says(t.reasons['slot-taken']));
  await b.atStep(t.time.heading);
  const fresh = await b.firstFreeTime();
  await second.step('second-told-taken');
  // timeA was the first free time; in the fresh list it is gone, so the first one is another.
  expect(await timeKey(fresh)).not.toBe(timeA);
  // Nothing half-done: the loser has no new booking.
  expect(await bookingsOf(PERSONS.alva.personalNumber)).toHaveLength(before.length);
});
