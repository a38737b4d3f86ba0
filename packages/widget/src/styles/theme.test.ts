import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { ItbBooking } from '../itb-booking/itb-booking.js';
import { deepQuery, deepQueryAll, goToTimes, mount, timeButtons, waitFor } from '../testing/widget.test-support.js';

type Feature = { name: 'prefers-color-scheme' | 'forced-colors' | 'prefers-reduced-motion'; value: string };

/**
 * System media features by the DevTools protocol (test-support/commands.js); none resets them.
 * Reduced motion throughout: buttons fade their colours, and a colour read mid-fade is neither theme's.
 */
async function emulate(...features: Feature[]): Promise<void> {
  await executeServerCommand('itb-emulate-media', { features: [...features, { name: 'prefers-reduced-motion', value: 'reduce' }] });
}
const DARK_SYSTEM: Feature = { name: 'prefers-color-scheme', value: 'dark' };
const LIGHT_SYSTEM: Feature = { name: 'prefers-color-scheme', value: 'light' };
const FORCED: Feature = { name: 'forced-colors', value: 'active' };

/** `rgb(…)` of a colour as the browser resolves it (hex, a system colour). */
function resolved(colour: string): string {
  const probe = document.createElement('i');
  // Kept as given in forced colours too, where the page's own colours are replaced.
  probe.style.forcedColorAdjust = 'none';
  probe.style.color = colour;
  document.body.append(probe);
  const value = getComputedStyle(probe).color;
  probe.remove();
  return value;
}

function channels(rgb: string): [number, number, number] {
  const [r, g, b] = rgb.match(/[\d.]+/g)!.map(Number);
  return [r!, g!, b!];
}

/** WCAG 2 contrast ratio of two opaque `rgb()` colours. */
function contrast(a: string, b: string): number {
  const luminance = (rgb: string) => {
    const [r, g, bl] = channels(rgb).map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const style = (el: Element) => getComputedStyle(el);

/** The colours a patient sees first: the box, its text, and the primary Continue button. */
function keyColours(el: ItbBooking) {
  const base = el.shadowRoot!.querySelector('.base')!;
  const next = el.shadowRoot!.querySelector('button.primary')!;
  const card = deepQuery(el, '.card')!;
  return {
    surface: style(base).backgroundColor, text: style(base).color, scheme: style(base).colorScheme,
    primary: style(next).backgroundColor, onPrimary: style(next).color, card: style(card).backgroundColor,
  };
}

const LIGHT = { surface: resolved('#fff'), text: resolved('#1b1f24'), scheme: 'light', primary: resolved('#0b5cad'), onPrimary: resolved('#fff'), card: resolved('#fff') };
const DARK = { surface: resolved('#15181c'), text: resolved('#e8ebef'), scheme: 'dark', primary: resolved('#82b6ff'), onPrimary: resolved('#0b1726'), card: resolved('#15181c') };

interface AxeRun { violations: { id: string; nodes: { target: unknown }[] }[]; passes: { id: string; nodes: unknown[] }[] }
type Axe = { run(context: Element, options: object): Promise<AxeRun> };

/** axe's colour-contrast rule alone; fails on a violation, and when it checked nothing (a vacuous pass). */
async function expectNoContrastViolations(el: Element, where: string): Promise<void> {
  await expect(el).to.be.accessible();
  const axe = (window as unknown as { axe: Axe }).axe;
  const result = await axe.run(el, { runOnly: { type: 'rule', values: ['color-contrast'] }, resultTypes: ['violations', 'passes'] });
  const failing = result.violations.flatMap((v) => v.nodes.map((n) => JSON.stringify(n.target)));
  expect(failing, `${where}: contrast violations`).to.deep.equal([]);
  expect(result.passes.find((p) => p.id === 'color-contrast')?.nodes.length ?? 0, `${where}: nodes checked`).to.be.greaterThan(5);
}

async function mountThemed(theme: ItbBooking['theme'], options: Parameters<typeof mount>[0] = {}): Promise<ItbBooking> {
  const el = await mount(options);
  // As a property: it reflects, which is what the theme's styles select on.
  el.theme = theme;
  await el.updateComplete;
  await waitFor(() => el.shadowRoot!.querySelector('button.primary') && deepQuery(el, '.card'), 'first screen');
  return el;
}

describe('themes', () => {
  beforeEach(() => emulate());
  after(() => executeServerCommand('itb-emulate-media', { features: [] }));

  it('is light without the attribute and with theme="light", even when the system asks for dark', async () => {
    await emulate(DARK_SYSTEM);
    const plain = await mountThemed(undefined);
    expect(plain.hasAttribute('theme')).to.equal(false);
    expect(keyColours(plain)).to.deep.equal(LIGHT);
    plain.remove();
    const light = await mountThemed('light');
    expect(light.getAttribute('theme')).to.equal('light');
    expect(keyColours(light)).to.deep.equal(LIGHT);
  });

  it('is dark with theme="dark", even when the system asks for light', async () => {
    await emulate(LIGHT_SYSTEM);
    const el = await mountThemed('dark');
    expect(el.getAttribute('theme')).to.equal('dark');
    expect(keyColours(el)).to.deep.equal(DARK);
  });

  it('follows the system with theme="auto", and changes when the system does', async () => {
    await emulate(LIGHT_SYSTEM);
    const el = await mountThemed('auto');
    expect(keyColours(el)).to.deep.equal(LIGHT);
    await emulate(DARK_SYSTEM);
    expect(keyColours(el)).to.deep.equal(DARK);
    await emulate(LIGHT_SYSTEM);
    expect(keyColours(el)).to.deep.equal(LIGHT);
  });

  it('lets a token the page sets on the element win over the dark palette', async () => {
    const sheet = document.createElement('style');
    sheet.textContent = 'itb-booking.brand { --itb-color-primary: #ffd400; --itb-color-on-primary: #000; }';
    document.head.append(sheet);
    try {
      const el = await mountThemed('dark');
      el.classList.add('brand');
      const colours = keyColours(el);
      expect(colours.primary).to.equal(resolved('#ffd400'));
      expect(colours.onPrimary).to.equal(resolved('#000'));
      expect(colours.surface).to.equal(DARK.surface);
    } finally {
      sheet.remove();
    }
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`meets WCAG AA contrast in ${theme} by our own calculation: text, buttons, times, days, badges, errors, focus`, async () => {
      const el = await mountThemed(theme, { campaign: 'SPRING26', clinic: 'no-such-clinic' });
      const surface = keyColours(el).surface;
      const pairs: [string, string, string, number][] = [];
      const text = (name: string, node: Element | undefined, on: string | Element, min = 4.5) => {
        if (node === undefined) throw new Error(`no ${name}`);
        pairs.push([name, style(node).color, typeof on === 'string' ? on : style(on).backgroundColor, min]);
      };
      const base = el.shadowRoot!.querySelector('.base')!;
      text('text', base, surface);
      text('primary button', el.shadowRoot!.querySelector('button.primary')!, el.shadowRoot!.querySelector('button.primary')!);
      const badge = await waitFor(() => deepQuery(el, '.badge'), 'campaign badge');
      text('badge', badge, badge);
      const error = deepQuery(el, '.notice.error')!;
      text('error notice', error, error);
      text('muted', deepQuery(el, '.muted'), surface);
      await goToTimes(el, 'hs-stockholm-city', 'ad-examination-30');
      const [time] = await timeButtons(el);
      text('time', time!.querySelector('.clock')!, time!);
      pairs.push(['time edge', style(time!).borderTopColor, surface, 3]);
      const chosen = deepQuery(el, "[aria-selected='true'] > .day")!;
      text('chosen day', chosen, chosen);
      const step = el.shadowRoot!.querySelector('itb-time-step')!;
      const back = deepQueryAll<HTMLButtonElement>(step, '.actions > button.button:not(.primary)')[0];
      text('outlined button', back, surface);
      pairs.push(['outlined button edge', style(back!).borderTopColor, surface, 3]);
      time!.focus();
      expect(style(time!).outlineStyle, 'focus ring drawn').to.equal('solid');
      pairs.push(['focus ring', style(time!).outlineColor, surface, 3]);
      const failing = pairs.map(([name, fg, bg, min]) => ({ name, ratio: Math.round(contrast(fg, bg) * 100) / 100, min }))
        .filter((p) => p.ratio < p.min);
      expect(failing).to.deep.equal([]);
    });
  }

  for (const [name, features, theme] of [
    ['light', [LIGHT_SYSTEM], 'light'],
    ['dark', [LIGHT_SYSTEM], 'dark'],
    ['auto under a dark system', [DARK_SYSTEM], 'auto'],
    ['forced colours (light system palette)', [FORCED, LIGHT_SYSTEM], 'auto'],
    ['forced colours (dark system palette)', [FORCED, DARK_SYSTEM], 'dark'],
    ['forced colours (light system palette) with theme="dark"', [FORCED, LIGHT_SYSTEM], 'dark'],
  ] as const) {
    it(`has no axe contrast violation in ${name}: first screen with a campaign and an error, and the time step`, async () => {
      await emulate(...features);
      const el = await mountThemed(theme, { campaign: 'SPRING26', clinic: 'no-such-clinic' });
      await waitFor(() => deepQuery(el, '.badge'), 'campaign badge');
      await expectNoContrastViolations(el, `${name}, first screen`);
      await goToTimes(el, 'hs-stockholm-city', 'ad-examination-30');
      await timeButtons(el);
      await expectNoContrastViolations(el, `${name}, time step`);
    });
  }

  it('uses system colours in forced colours, and shows what is chosen by more than colour', async () => {
    await emulate(FORCED);
    const el = await mountThemed('dark', { clinic: 'hs-stockholm-city' });
    const base = el.shadowRoot!.querySelector('.base')!;
    expect(style(base).backgroundColor).to.equal(resolved('Canvas'));
    expect(style(base).color).to.equal(resolved('CanvasText'));
    // Not chosen both yet: Continue says so with GrayText, as a disabled control does.
    const next = el.shadowRoot!.querySelector('button.primary')!;
    expect(next.getAttribute('aria-disabled')).to.equal('true');
    expect(style(next).borderTopColor).to.equal(resolved('GrayText'));
    const chosenCard = await waitFor(() => deepQuery(el, '.choice:has(input:checked)'), 'chosen clinic');
    const otherCard = deepQuery(el, 'label.choice:not(:has(input:checked))');
    expect(style(chosenCard).borderTopColor).to.equal(resolved('Highlight'));
    expect(style(chosenCard).borderTopWidth).to.equal('3px');
    if (otherCard !== undefined) expect(parseFloat(style(otherCard).borderTopWidth)).to.be.lessThan(3);
    await goToTimes(el, 'hs-stockholm-city', 'ad-examination-30');
    const [time] = await timeButtons(el);
    expect(style(time!).borderTopColor).to.equal(resolved('ButtonText'));
    expect(style(deepQuery(el, 'button.first-free')!).borderTopColor).to.equal(resolved('Highlight'));
    const chosenDay = deepQuery(el, "[aria-selected='true'] > .day")!;
    const otherDay = deepQuery(el, "[aria-selected='false'] > .day")!;
    expect(style(chosenDay).backgroundColor).to.equal(resolved('Highlight'));
    expect(style(chosenDay).color).to.equal(resolved('HighlightText'));
    expect(style(chosenDay).borderTopWidth).to.equal('3px');
    expect(style(otherDay).borderTopWidth).to.equal('1px');
    time!.focus();
    expect(style(time!).outlineColor).to.equal(resolved('Highlight'));
  });
});
