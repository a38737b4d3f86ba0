/**
 * Every page of the demo clinic site in Chromium: the widget renders (no config error), clinic
 * pages preselect their clinic, Norwegian clinic pages speak Norwegian, and axe finds nothing on
 * any page (landmarks, skip link, contrast, the widget inside).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeViolations, stack, startJourney, type Journey } from './support/journey.js';
import { TRANSLATIONS, visible, widgetOn } from './support/widget.js';

const site = JSON.parse(readFileSync(new URL('../demo/site-data.json', import.meta.url), 'utf8')) as {
  clinics: { urlPlaceholder: string; name: string; country: 'SE' | 'NO'; id: string }[];
};

const PAGES: { path: string; lang: 'sv' | 'nb' | 'en'; heading: 'select' | 'myBookings' | 'none' }[] = [
  { path: '/', lang: 'sv', heading: 'select' },
  { path: '/en/', lang: 'en', heading: 'select' },
  { path: '/kliniker/', lang: 'sv', heading: 'select' },
  { path: '/kampanj', lang: 'sv', heading: 'select' },
  { path: '/mina-bokningar', lang: 'sv', heading: 'myBookings' },
  { path: '/en/my-bookings', lang: 'en', heading: 'myBookings' },
  { path: '/cross-site.html', lang: 'en', heading: 'select' },
  // The booking terms every widget on the site links to (terms-url).
  { path: '/villkor', lang: 'sv', heading: 'none' },
  // Three widgets: their own test below.
  { path: '/teman', lang: 'sv', heading: 'none' },
  ...site.clinics.map((c) => ({ path: `/kliniker/${c.urlPlaceholder}`, lang: c.country === 'NO' ? 'nb' as const : 'sv' as const, heading: 'select' as const })),
];

let journey: Journey;
beforeAll(async () => { journey = await startJourney('demo-site-pages', { viewport: 'phone' }); });
afterAll(async () => { await journey.close(); });

for (const page of PAGES) {
  it(`${page.path} (${page.lang})`, async () => {
    const p = journey.page;
    await p.goto(new URL(page.path, stack().demo).href);
    expect(await p.getAttribute('html', 'lang')).toBe(page.lang);
    expect(await p.getByRole('main').count()).toBe(1);
    expect(await p.getByRole('banner').count()).toBe(1);
    expect(await p.getByRole('contentinfo').count()).toBe(1);
    expect(await p.getByRole('heading', { level: 1 }).count()).toBe(1);
    expect(await p.locator('a.skip-link[href="#main"]').count()).toBe(1);
    if (page.path === '/kliniker/' || page.heading === 'none') return;
    const t = TRANSLATIONS[page.lang];
    const w = widgetOn(p, t);
    await w.atStep(page.heading === 'select' ? t.select.heading : t.myBookings.heading);
    expect(await w.says(t.config.heading).count()).toBe(0);
    const clinic = site.clinics.find((c) => page.path === `/kliniker/${c.urlPlaceholder}`);
    if (clinic?.urlPlaceholder === 'hisingen') {
      // The external-booking clinic offers no radio to pick: its page links out to its own booking.
      await visible(w.root.getByRole('link', { name: t.clinic.externalLink(clinic.name) }).first());
    } else if (clinic !== undefined) {
      await visible(w.root.getByRole('radio', { name: new RegExp(clinic.name) }));
      expect(await w.root.getByRole('radio', { name: new RegExp(clinic.name) }).isChecked()).toBe(true);
    }
    if (page.path === '/kampanj') await visible(w.root.getByRole('radio', { name: /^Vårkoll/ }));
    expect(await axeViolations(p)).toEqual([]);
  });
}

it('/teman: three brand looks, each in its own colours from the documented properties, with slots, and axe finds nothing', async () => {
  const p = journey.page;
  await p.goto(new URL('/teman', stack().demo).href);
  const t = TRANSLATIONS.sv;
  for (const look of ['lugn', 'nordisk', 'kontrast']) {
    const w = widgetOn(p, t, `itb-booking.look-${look}`);
    await w.atStep(t.select.heading);
    expect(await w.says(t.config.heading).count()).toBe(0);
  }
  const surface = (look: string) => p.locator(`itb-booking.look-${look}`).evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector('.base')!).backgroundColor);
  expect([await surface('lugn'), await surface('nordisk'), await surface('kontrast')]).toEqual(['rgb(247, 250, 253)', 'rgb(251, 246, 238)', 'rgb(0, 0, 0)']);
  expect(await p.locator('itb-booking.look-kontrast').getAttribute('theme')).toBe('dark');
  // Three regions, three names: the page names each widget through its `strings`.
  for (const name of ['Onlinebokning, lugn blå klinik', 'Onlinebokning, nordisk värme', 'Onlinebokning, hög kontrast']) {
    await visible(p.getByRole('region', { name, exact: true }));
  }
  await visible(p.locator('.look-nordisk-header'));
  await visible(p.locator('.look-nordisk-legal'));
  expect(await axeViolations(p)).toEqual([]);
});
