/**
 * Layout measurements of the `<itb-booking>` element as the page shows it, taken in the browser
 * through every open shadow root with getBoundingClientRect and getComputedStyle: tap targets,
 * overlapping buttons, text size, horizontal scroll, edges in forced colours. Each returns what is
 * wrong as readable lines (empty when all is well), so a failing test says which control it was.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { ARTIFACTS } from './paths.js';
import { axeViolations, sharedBrowser } from './journey.js';

export interface LayoutJourney {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Screenshot of the whole page (test/artifacts/<name>/NN-label.png) and an axe check; throws on a violation. */
  shot(label: string): Promise<void>;
  close(): Promise<void>;
}

/** A fresh context with its own viewport (the shared journeys know only "phone" and "desktop"). */
export async function openLayoutJourney(name: string, options: BrowserContextOptions): Promise<LayoutJourney> {
  const browser = await sharedBrowser();
  const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm', ...options });
  context.setDefaultTimeout(15_000);
  // Every tap the patient makes on the page (trusted clicks only: what a finger or a mouse did).
  await context.addInitScript(() => {
    (window as unknown as { itbTaps: number }).itbTaps = 0;
    document.addEventListener('click', (event) => { if (event.isTrusted) (window as unknown as { itbTaps: number }).itbTaps += 1; }, true);
  });
  const page = await context.newPage();
  const folder = join(ARTIFACTS, name);
  mkdirSync(folder, { recursive: true });
  let n = 0;
  return {
    context,
    page,
    async shot(label) {
      n += 1;
      await page.screenshot({ path: join(folder, `${String(n).padStart(2, '0')}-${label}.png`), fullPage: true });
      const violations = await axeViolations(page);
      if (violations.length > 0) throw new Error(`axe violations at "${label}" of ${name}:\n${violations.join('\n')}`);
    },
    close: () => context.close(),
  };
}

/** Taps counted since the page loaded. */
export function tapsSoFar(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { itbTaps: number }).itbTaps);
}

/** The `itb-booking` element's height in CSS px. */
export async function widgetHeight(page: Page): Promise<number> {
  const box = await page.locator('itb-booking').first().evaluate((el) => el.getBoundingClientRect().height);
  return Math.round(box);
}

/** Lines naming any horizontal scroll of the page. */
export function horizontalScroll(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.scrollingElement!.scrollWidth;
    return width > window.innerWidth ? [`page scrolls sideways: ${width} px wide in a ${window.innerWidth} px viewport`] : [];
  });
}

/**
 * Runs `probe` in the page with every element inside the widget's shadow roots that is rendered
 * (has a box, is not visibility-hidden, not a 1 px visually-hidden text).
 */
type Probe = 'targets' | 'overlaps' | 'text' | 'edges' | 'clipped' | 'cut';

function measure(page: Page, probe: Probe, minimum = 0): Promise<string[]> {
  return page.evaluate(([what, min]) => {
    const host = document.querySelector('itb-booking')!;
    const all: Element[] = [];
    const walk = (root: ParentNode) => {
      for (const el of root.querySelectorAll('*')) {
        all.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(host.shadowRoot!);
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1) return false;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') return false;
      // Visually hidden (clip: rect(0 0 0 0)) text is for screen readers only, and so is all inside it.
      for (let node: Element | null = el; node !== null; node = node.parentElement) {
        const s = getComputedStyle(node);
        if (s.position === 'absolute' && s.clip.startsWith('rect(0')) return false;
      }
      return true;
    };
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')} "${(el.textContent ?? (el as HTMLInputElement).value ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)}"`;
    const round = (n: number) => Math.round(n * 10) / 10;

    // What a finger hits: a radio or checkbox is hit through its label (wrapping, or pointing at it with for=).
    const targetOf = (el: Element): Element => {
      if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox')) {
        const root = el.getRootNode() as ParentNode;
        return el.closest('label') ?? (el.id ? root.querySelector(`label[for="${el.id}"]`) : null) ?? el;
      }
      return el;
    };
    // Text the patient reads: an element with a non-blank text node of its own.
    const hasOwnText = (el: Element) => el.tagName !== 'STYLE' && [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
    const controls = all.filter((el) => el.matches('button, a[href], input:not([type="hidden"]), select, textarea, summary'));

    if (what === 'targets') {
      return controls.map(targetOf).filter(shown)
        .filter((el) => el.getBoundingClientRect().height < min)
        .map((el) => `${name(el)} is ${round(el.getBoundingClientRect().height)} px high`);
    }
    if (what === 'overlaps') {
      const buttons = all.filter((el) => el.matches('button, a.button') && shown(el));
      const found: string[] = [];
      for (let i = 0; i < buttons.length; i += 1) {
        for (let j = i + 1; j < buttons.length; j += 1) {
          const a = buttons[i]!.getBoundingClientRect();
          const b = buttons[j]!.getBoundingClientRect();
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          // One pixel of shared edge is a border touching, not an overlap.
          if (w > 1 && h > 1 && !buttons[i]!.contains(buttons[j]!)) found.push(`${name(buttons[i]!)} overlaps ${name(buttons[j]!)} by ${round(w)}×${round(h)} px`);
        }
      }
      return found;
    }
    if (what === 'text') {
      return all.filter(hasOwnText)
        .filter(shown)
        .filter((el) => parseFloat(getComputedStyle(el).fontSize) < min)
        .map((el) => `${name(el)} is ${getComputedStyle(el).fontSize}`);
    }
    if (what === 'clipped') {
      // The inner box: a page reset can make the host itself inline, whose rectangle is only its line boxes.
      const box = (host.shadowRoot!.querySelector('[part="base"]') ?? host).getBoundingClientRect();
      return all.filter(shown).filter((el) => el.getBoundingClientRect().right > box.right + 0.5 || el.getBoundingClientRect().left < box.left - 0.5)
        .map((el) => `${name(el)} runs outside the widget (${round(el.getBoundingClientRect().left)}–${round(el.getBoundingClientRect().right)} px)`);
    }
    if (what === 'cut') {
      // Up and down: a control or a line of text cut off by a box that hides its overflow (an
      // ancestor's, any of them up to the host, through shadow roots), as a fixed height at 200 % does;
      // and content taller than its own box — cut when that box hides it, spilling over what follows when not.
      const parentOf = (el: Element): Element | null => el.parentElement ?? ((el.getRootNode() as ShadowRoot).host ?? null);
      const hides = (el: Element) => /hidden|clip/.test(`${getComputedStyle(el).overflowY} ${getComputedStyle(el).overflowX}`);
      const texts = all.filter(hasOwnText);
      const targets = new Set(controls.map(targetOf));
      const found: string[] = [];
      for (const el of new Set([...targets, ...texts])) {
        if (!shown(el)) continue;
        const r = el.getBoundingClientRect();
        // scrollHeight counts what overflows the padding box; inline boxes have none (both are 0).
        if ((hides(el) || targets.has(el)) && el.scrollHeight > el.clientHeight + 1) {
          found.push(`${name(el)} ${hides(el) ? 'cuts' : 'spills'} its content (${el.scrollHeight} px in ${el.clientHeight} px)`);
        }
        for (let up = parentOf(el); up !== null && up !== host; up = parentOf(up)) {
          if (!hides(up)) continue;
          const a = up.getBoundingClientRect();
          if (r.top < a.top - 0.5 || r.bottom > a.bottom + 0.5) {
            found.push(`${name(el)} is cut by ${name(up)} (${round(r.top)}–${round(r.bottom)} in ${round(a.top)}–${round(a.bottom)} px)`);
            break;
          }
        }
      }
      return found;
    }
    // edges: every control keeps a visible border or outline (forced colours drop backgrounds and shadows).
    return controls.filter((el) => el.matches('button, a.button, input[type="text"], input[type="tel"], input[type="email"], input[type="search"], textarea, select') && shown(el))
      .concat(all.filter((el) => el.matches('.card') && shown(el)))
      .filter((el) => {
        const s = getComputedStyle(el);
        const border = ['Top', 'Right', 'Bottom', 'Left'].some((side) => parseFloat(s.getPropertyValue(`border-${side.toLowerCase()}-width`)) > 0 && s.getPropertyValue(`border-${side.toLowerCase()}-style`) !== 'none');
        const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
        return !border && !outline;
      })
      .map((el) => `${name(el)} has no border or outline`);
  }, [probe, minimum] as const);
}

/** Visible controls (radios and checkboxes through their labels) lower than `min` px. */
export const smallTargets = (page: Page, min = 44) => measure(page, 'targets', min);
/** Pairs of visible buttons whose boxes overlap. */
export const overlappingButtons = (page: Page) => measure(page, 'overlaps');
/** Visible text elements whose computed font size is below `min` px. */
export const smallText = (page: Page, min = 14) => measure(page, 'text', min);
/** Elements that run outside the widget or the viewport sideways (clipped or scrolled away). */
export const clippedSideways = (page: Page) => measure(page, 'clipped');
/** Controls and text cut off up or down by a box that hides its overflow, and controls whose content is taller than they are. */
export const clippedVertically = (page: Page) => measure(page, 'cut');
/** Controls and cards with neither a border nor an outline. */
export const controlsWithoutEdges = (page: Page) => measure(page, 'edges');
