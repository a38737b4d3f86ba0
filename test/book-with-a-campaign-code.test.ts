/**
 * Journey 2b: campaign codes. The SPRING26 link unlocks the campaign treatment and shows its
 * message; without a code that treatment stays hidden; an unknown or expired code gives a clear
 * message and the normal booking flow goes on.
 */
import { afterEach, expect, it } from 'vitest';
import { startJourney, type Journey } from './support/journey.js';
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
  await w.firstFreeTime();
  await journey.step('campaign-times');
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
