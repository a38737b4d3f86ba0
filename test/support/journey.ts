/**
 * One patient's journey in its own browser context: a page on the demo site, screenshots of every
 * step under test/artifacts/<journey>/, an axe-core check at every step, and a record of every
 * response the browser received (for the token scan).
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { ARTIFACTS, AXE_SOURCE } from './paths.js';
import { recordResponses, type ReceivedResponse } from './responses.js';

export const VIEWPORTS = {
  phone: { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 },
  desktop: { viewport: { width: 1280, height: 900 } },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

let browser: Promise<Browser> | undefined;

/** The run's one Chromium (launched by global-setup), connected once per test file. */
export function sharedBrowser(): Promise<Browser> {
  browser ??= chromium.connect(inject('browserEndpoint'));
  return browser;
}

/** URLs of the stack the global setup started. */
export function stack(): ReturnType<typeof inject<'stack'>> {
  return inject('stack');
}

let axeSource: string | undefined;

/** Violations of axe-core's rules on `page` (open shadow roots included), as readable lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  axeSource ??= readFileSync(AXE_SOURCE, 'utf8');
  // evaluate() runs through the DevTools protocol, which the page's CSP does not govern, so the
  // demo keeps its strict script-src while axe is injected.
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} node(s), e.g. ${v.nodes.slice(0, 2).map((n) => JSON.stringify(n.target)).join(', ')}`);
  });
  return violations;
}

export interface Journey {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly responses: ReceivedResponse[];
  /** Waits until every response received so far is recorded with its body. */
  responsesRecorded(): Promise<void>;
  /**
   * Screenshot and axe check (whole document) of what `page` shows now; throws on any violation.
   * The first step and pages without the widget (test-BankID) are shot whole; later steps show the
   * widget only, which is what changes (and keeps the suite fast).
   */
  step(label: string, page?: Page): Promise<void>;
  close(): Promise<void>;
}

/**
 * Open a fresh browser context (no cookies) at `path` of the demo site.
 * @param name folder under test/artifacts, e.g. `book-any-practitioner-phone`
 */
export async function startJourney(name: string, options: {
  viewport?: ViewportName;
  /** Make window.open() fail, as a popup blocker does, to force the full-page sign-in. */
  blockPopups?: boolean;
  path?: string;
  origin?: string;
} = {}): Promise<Journey> {
  const b = await sharedBrowser();
  const context = await b.newContext({ ...VIEWPORTS[options.viewport ?? 'desktop'], locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  context.setDefaultTimeout(15_000);
  if (options.blockPopups) await context.addInitScript(() => { window.open = () => null; });
  const recorder = recordResponses(context);
  const page = await context.newPage();
  const folder = join(ARTIFACTS, name);
  mkdirSync(folder, { recursive: true });
  let n = 0;
  let last = Date.now();
  const timings: string[] = [];
  if (options.path !== undefined) await page.goto(new URL(options.path, options.origin ?? stack().demo).href);
  return {
    context,
    page,
    responses: recorder.received,
    responsesRecorded: () => recorder.settled(),
    async step(label, target = page) {
      n += 1;
      const reached = Date.now();
      const path = join(folder, `${String(n).padStart(2, '0')}-${label}.png`);
      const widget = target.locator('itb-booking');
      if (n > 1 && await widget.count() === 1) await widget.screenshot({ path });
      else await target.screenshot({ path, fullPage: true });
      const shot = Date.now();
      const violations = await axeViolations(target);
      timings.push(`${label}: reached in ${reached - last} ms, screenshot ${shot - reached} ms, axe ${Date.now() - shot} ms`);
      last = Date.now();
      if (violations.length === 0) return;
      const message = `axe violations at step "${label}" of ${name}:\n${violations.join('\n')}`;
      // ITB_E2E_AXE=collect (local debugging only) writes them down and goes on, to see later steps.
      if (process.env.ITB_E2E_AXE === 'collect') appendFileSync(join(ARTIFACTS, 'axe-violations.txt'), `${message}\n\n`);
      else throw new Error(message);
    },
    async close() {
      writeFileSync(join(folder, 'timings.txt'), `${timings.join('\n')}\n`);
      await context.close();
    },
  };
}
