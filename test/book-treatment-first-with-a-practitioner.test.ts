/**
 * Journey 2a: a patient picks the treatment first (the clinic list narrows to clinics that offer
 * it), then the clinic, then a specific practitioner; the times shown are that practitioner's only.
 */
import { afterEach, expect, it } from 'vitest';
import { PERSONS } from './support/bankid.js';
import { confirmBooking, signInFromReview } from './support/booking.js';
import { startJourney, type Journey } from './support/journey.js';
import { bookingsOf } from './support/sandbox.js';
import { TRANSLATIONS, widgetOn } from './support/widget.js';

const t = TRANSLATIONS.sv;
let journey: Journey | undefined;
afterEach(async () => { await journey?.close(); journey = undefined; });

it('treatment first, then clinic, then a named practitioner', async () => {
  journey = await startJourney('book-treatment-first-with-a-practitioner', { path: '/' });
  const w = widgetOn(journey.page, t);
  await w.atStep(t.select.heading);
  const clinics = w.root.getByRole('radio', { name: /Fjordvik/ });
  await expect.poll(() => clinics.count()).toBeGreaterThan(0);
  const allClinics = await clinics.count();
  await expect.poll(() => w.root.getByRole('radio', { name: /Södermalm/ }).count()).toBe(1);
  await journey.step('start');

  // Root canal treatment is not offered at Södermalm: choosing it first removes that clinic.
  await w.chooseTreatment(/^Rotbehandling/);
  await expect.poll(() => w.root.getByRole('radio', { name: /Södermalm/ }).count()).toBe(0);
  expect(await clinics.count()).toBeLessThan(allClinics);
  await journey.step('treatment-chosen');

  await w.chooseClinic(/Göteborg Centrum/);
  await w.continue();
  await w.atStep(t.practitioner.heading);
  await journey.step('practitioner');
  await w.choosePractitioner(/Ali Hassan/);

  const time = await w.firstFreeTime();
  // One practitioner chosen: the times do not list who is free (that is the "any" view).
  expect(await w.root.locator('[part="time-button"] .who').count()).toBe(0);
  await expect.poll(() => w.root.getByText(/Ali Hassan/).count()).toBeGreaterThan(0);
  await journey.step('times');
  await time.click();
  await w.atStep(t.review.heading);
  await journey.step('review');

  await signInFromReview(journey, w, 'omar');
  const before = await bookingsOf(PERSONS.omar.personalNumber);
  await confirmBooking(journey, w);
  const after = await bookingsOf(PERSONS.omar.personalNumber);
  const made = after.filter((a) => !before.some((b) => b.id === a.id));
  expect(made).toHaveLength(1);
  expect(JSON.stringify(made[0])).toContain('pr-ali-hassan-got');
});
