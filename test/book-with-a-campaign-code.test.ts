/**
 * Journey 2b: campaign codes. The SPRING26 link unlocks the campaign treatment, shows its
 * message and books it (the code travels with `$find` and `$book`); without a code that treatment stays hidden; an unknown or expired code gives a clear
 * message and the normal booking flow goes on.
 */
import { afterEach, expect, it } from 'vitest';
import { PERSONS } from './support/bankid.js';
import { confirmBooking, signInFromReview } from './support/booking.js';
import { startJourney, type Journey } from './support/journey.js';
import { bookingsOf } from './support/sandbox.js';
import { TRANSLATIONS, visible, widgetOn } from './support/widget.js';

const t = TRANSLATIONS.sv;
const CAMPAIGN_TREATMENT = /^Vårkoll/;
let journey: Journey | undefined;
afterEach(async () => { await journey?.close(); journey = undefined; });

it('a campaign link unlocks the campaign treatment and shows its message', async () => {
  journey = await startJourney('campaign-link', { path: '/?campaign=SPRING26#boka' });
  const w = widgetOn(journey.page, t);
  await w.atStep(t.select.heading);
  await visible(w.says(/Vårkoll: undersökning och puts i ett besök för 995 kr/));
  await visible(w.root.getByRole('radio', { name: CAMPAIGN_TREATMENT }));
  await journey.step('campaign-applied');

  await w.chooseTreatment(CAMPAIGN_TREATMENT);
  await w.chooseClinic(/Stockholm City/);
  await w.continue();
  await w.choosePractitioner(t.practitioner.any);
  const time = await w.firstFreeTime();
  await journey.step('campaign-times');

  // The BFF books a campaign-only treatment only with the code, which the widget sends along.
  const before = await bookingsOf(PERSONS.alva.personalNumber);
  await time.click();
  await signInFromReview(journey, w, 'alva');
  await confirmBooking(journey, w);
  const after = await bookingsOf(PERSONS.alva.personalNumber);
  const made = after.find((a) => !before.some((b) => b.id === a.id));
  expect(JSON.stringify(made)).toContain('ActivityDefinition/ad-spring-check-45');
});

it('without a code the campaign treatment stays hidden', async () => {
  journey = await startJourney('campaign-none', { path: '/' });
  const w = widgetOn(journey.page, t);
  await w.atStep(t.select.heading);
  await visible(w.root.getByRole('radio', { name: /^Undersökning/ }));
  expect(await w.root.getByRole('radio', { name: CAMPAIGN_TREATMENT }).count()).toBe(0);
});

it('an invalid or expired code says so and the booking goes on', async () => {
  journey = await startJourney('campaign-invalid', { path: '/' });
  const w = widgetOn(journey.page, t);
  await w.atStep(t.select.heading);
  const field = w.root.getByLabel(t.campaign.label);
  const apply = w.root.getByRole('button', { name: t.campaign.apply });

  await field.fill('NOSUCHCODE');
  await apply.click();
  await visible(w.says(t.reasons['campaign-unknown']));
  await journey.step('unknown-code');

  await field.fill('WINTER25');
  await apply.click();
  await visible(w.says(t.reasons['campaign-expired']));
  await journey.step('expired-code');
  expect(await w.root.getByRole('radio', { name: CAMPAIGN_TREATMENT }).count()).toBe(0);

  await w.chooseClinic(/Stockholm City/);
  await w.chooseTreatment(/^Undersökning/);
  await w.continue();
  await w.choosePractitioner(t.practitioner.any);
  await w.firstFreeTime();
  await journey.step('times-after-invalid-code');
});
