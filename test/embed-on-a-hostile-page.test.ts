/**
 * Issue 13, points 3 and 10: the widget on a host page as hostile as agency themes get
 * (test/fixtures/hostile-host.html: `html { font-size: 62.5% }`, `* { all: unset }`, an 8 px root,
 * a squeezed line height, spaced capitals and a button reset). Its text stays at 16 px (never under
 * 14 px anywhere), no two buttons overlap from the first screen to the review, nothing scrolls
 * sideways and nothing is cut off up or down; the same at 200 % zoom, and in forced colours every
 * control keeps a visible edge.
 *
 * 200 % zoom: Chromium's page zoom lays the page out in a viewport of half the window's width in
 * CSS px, two device pixels to each (a 1280 px window at 200 % is 640 CSS px wide, and media and
 * container queries see 640). A 640×400 viewport with deviceScaleFactor 2 is that layout exactly;
 * Emulation.setPageScaleFactor would be a pinch zoom instead, which does not reflow anything.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { BrowserContextOptions } from 'playwright-core';
import { stack } from './support/journey.js';
import {
  clippedSideways, clippedVertically, controlsWithoutEdges, horizontalScroll, openLayoutJourney, overlappingButtons, smallText, type LayoutJourney,
} from './support/layout.js';
import { TRANSLATIONS, visible, widgetOn } from './support/widget.js';

const t = TRANSLATIONS.sv;
const HOSTILE_PAGE = readFileSync(new URL('./fixtures/hostile-host.html', import.meta.url), 'utf8');

let journey: LayoutJourney | undefined;
afterEach(async () => { await journey?.close(); journey = undefined; });

const CASES: { name: string; options: BrowserContextOptions; forcedColors?: boolean }[] = [
  { name: 'hostile-page', options: { viewport: { width: 1280, height: 800 } } },
  { name: 'hostile-page-zoom-200', options: { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 } },
  { name: 'hostile-page-forced-colors', options: { viewport: { width: 1280, height: 800 } }, forcedColors: true },
];

describe('the widget on a hostile host page', () => {
  for (const c of CASES) {
    it(c.name.replace(/-/g, ' '), async () => {
      journey = await openLayoutJourney(`embed-on-a-hostile-page-${c.name}`, c.options);
      const { page } = journey;
      if (c.forcedColors) await page.emulateMedia({ forcedColors: 'active' });
      // Served on the demo's origin, so the BFF at /booking-api answers it as it answers the demo pages.
      const url = new URL('/hostile-host.html', stack().demo).href;
      await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: HOSTILE_PAGE }));
      await page.goto(url);
      const w = widgetOn(page, t);
      await w.atStep(t.select.heading);
      await visible(w.root.getByRole('radio', { name: /Stockholm City/ }));

      // The page's root is 8 px and its reset hit the host: the widget's own size holds.
      expect(await w.root.locator('.base').evaluate((el) => getComputedStyle(el).fontSize)).toBe('16px');
      expect(await w.root.getByText('Fjordvik Tandvård Stockholm City', { exact: true }).evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(14);

      const problems: string[] = [];
      const check = async (step: string) => {
        const found = [
          ...await horizontalScroll(page), ...await smallText(page, 14), ...await overlappingButtons(page), ...await clippedSideways(page), ...await clippedVertically(page),
        ];
        if (c.forcedColors) found.push(...await controlsWithoutEdges(page));
        problems.push(...found.map((line) => `${step}: ${line}`));
      };
      await check('first screen');
      await journey.shot('first-screen');

      await w.chooseClinic(/Stockholm City/);
      await w.chooseTreatment(/^Undersökning/);
      await visible(w.root.getByRole('button', { name: t.treatment.changeLabel }));
      await check('chosen');
      await journey.shot('chosen');
      await w.continue();
      if (await w.practitionerStepShown()) {
        await check('practitioner');
        await journey.shot('practitioner');
        await w.choosePractitioner(t.practitioner.any);
      }
      const time = await w.firstFreeTime();
      await check('times');
      await journey.shot('times');
      // Choosing a time goes to the review: the summary and the sign-in, before signing in.
      await time.click();
      await w.atStep(t.review.heading);
      await visible(w.root.getByRole('button', { name: t.review.signIn }));
      await check('review');
      await journey.shot('review');
      expect(problems).toEqual([]);
    });
  }
});
