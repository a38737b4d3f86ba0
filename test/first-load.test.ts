/**
 * The first screen loads the widget's entry and the page's language. The steps after it (practitioner, time,
 * review, confirmation, My bookings) are chunks the widget fetches once the clinic list is up, while
 * the patient reads, so Continue does not wait on them.
 */
import { afterEach, expect, it } from 'vitest';
import { stack, startJourney, type Journey } from './support/journey.js';
import { TRANSLATIONS, visible, widgetOn } from './support/widget.js';

const t = TRANSLATIONS.sv;
let journey: Journey | undefined;
afterEach(async () => { await journey?.close(); journey = undefined; });

it('shows the clinic list with the entry and its language alone, and fetches the later steps after it', async () => {
  journey = await startJourney('first-load', { viewport: 'phone' });
  const { page } = journey;
  await page.goto(new URL('/', stack().demo).href);
  const w = widgetOn(page, t);
  await visible(w.root.getByRole('radio', { name: /Stockholm City/ }));

  // Timed by the browser's own clock (Resource Timing), not by when the test process hears of each request.
  const widgetScriptsStartedBefore = (at: number) => page.evaluate((until) => performance.getEntriesByType('resource')
    .filter((e) => new URL(e.name).pathname.startsWith('/widget/') && e.startTime < until)
    .map((e) => new URL(e.name).pathname), at);
  const catalogEnd = await page.evaluate(() => (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
    .find((e) => e.name.includes('$get-offers-context'))?.responseEnd ?? Number.NaN);
  expect(catalogEnd).toBeGreaterThan(0);
  // The entry and the page's language (Swedish here; English is in the entry), nothing else.
  expect((await widgetScriptsStartedBefore(catalogEnd)).sort()).toEqual(['/widget/itb-booking.js', expect.stringMatching(/^\/widget\/sv-[\w-]+\.js$/)]);
  // While the patient reads the lists, the likely next steps arrive.
  await expect.poll(async () => (await widgetScriptsStartedBefore(Number.POSITIVE_INFINITY))
    .filter((u) => /itb-(practitioner|time|review)-step-[\w-]+\.js$/.test(u)).length).toBe(3);

  await w.chooseClinic(/Stockholm City/);
  await w.chooseTreatment(/^Undersökning/);
  await w.continue();
  await w.choosePractitioner(t.practitioner.any);
  await w.firstFreeTime();
  await journey.step('times-from-chunks');
});
