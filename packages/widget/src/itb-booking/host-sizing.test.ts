// Issue 13, point 3: the widget's size never comes from the host page. Agency resets —
// `html { font-size: 62.5% }`, and `* { all: unset }` with an 8 px root — leave its text at its own
// 16 px base (nothing visible under 14 px) and its controls apart; `--itb-font-size` is the one knob.
import { expect } from '@open-wc/testing';
import type { ItbBooking } from './itb-booking.js';
import { catalogLoaded, choose, deepQuery, deepQueryAll, mount, stepOf } from '../testing/widget.test-support.js';

const HOSTS = {
  'the 62.5 % root': 'html { font-size: 62.5% }',
  'an 8 px root with * { all: unset }': 'html { font-size: 8px } * { all: unset } head, style, script { display: none }',
} as const;

/** Put `css` on the page (outside the widget) for one test. */
function hostStyle(css: string): () => void {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  return () => style.remove();
}

/** Text the patient sees: every element with a text node of its own that has a box. */
function visibleTextElements(el: ItbBooking): Element[] {
  return deepQueryAll<HTMLElement>(el, '*').filter((element) => {
    if (element.tagName === 'STYLE' || element.closest('[hidden]') !== null) return false;
    const hasText = [...element.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
    const box = element.getBoundingClientRect();
    return hasText && box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden';
  });
}

/** Pairs of controls whose boxes overlap by more than a pixel each way. */
function overlaps(el: ItbBooking): string[] {
  const controls = deepQueryAll<HTMLElement>(el, 'button, label, a[href]')
    .map((c) => ({ c, box: c.getBoundingClientRect() }))
    .filter(({ box }) => box.width > 0 && box.height > 0);
  const found: string[] = [];
  for (let i = 0; i < controls.length; i += 1) {
    for (let j = i + 1; j < controls.length; j += 1) {
      const [a, b] = [controls[i]!, controls[j]!];
      // A label around its own control, or nested controls, are not an overlap.
      if (a.c.contains(b.c) || b.c.contains(a.c)) continue;
      const x = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
      const y = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
      if (x > 1 && y > 1) found.push(`${a.c.textContent?.trim().slice(0, 30)} × ${b.c.textContent?.trim().slice(0, 30)}`);
    }
  }
  return found;
}

async function atTreatmentStep(): Promise<ItbBooking> {
  const el = await mount();
  await catalogLoaded(el);
  choose(el, 'clinic', 'hs-stockholm-city');
  await stepOf(el, 'itb-treatment-step');
  await el.updateComplete;
  return el;
}

describe('sizing that ignores the host page', () => {
  for (const [name, css] of Object.entries(HOSTS)) {
    it(`keeps its own 16 px base under ${name}, no text under 14 px, no controls on top of each other`, async () => {
      const remove = hostStyle(css);
      try {
        const el = await atTreatmentStep();
        const base = deepQuery(el, '.base');
        expect(getComputedStyle(base!).fontSize).to.equal('16px');
        const texts = visibleTextElements(el);
        expect(texts.length).to.be.greaterThan(10);
        const small = texts.map((t) => ({ text: t.textContent?.trim().slice(0, 40), px: parseFloat(getComputedStyle(t).fontSize) })).filter((t) => t.px < 14);
        expect(small, JSON.stringify(small)).to.deep.equal([]);
        expect(overlaps(el)).to.deep.equal([]);
      } finally {
        remove();
      }
    });
  }

  it('is sized by --itb-font-size alone', async () => {
    const removeReset = hostStyle('html { font-size: 62.5% }');
    let removeKnob = () => {};
    try {
      const el = await atTreatmentStep();
      const button = deepQueryAll<HTMLButtonElement>(el, 'button').find((b) => b.getBoundingClientRect().height > 0)!;
      const at16 = button.getBoundingClientRect().height;
      removeKnob = hostStyle('itb-booking { --itb-font-size: 20px }');
      expect(getComputedStyle(deepQuery(el, '.base')!).fontSize).to.equal('20px');
      // Controls grow with it (em, never the page's rem; 44 px stays the least), text in proportion.
      expect(getComputedStyle(button).fontSize).to.equal('20px');
      expect(button.getBoundingClientRect().height).to.be.greaterThan(at16);
      expect(at16).to.be.at.least(44);
      const smallest = Math.min(...visibleTextElements(el).map((t) => parseFloat(getComputedStyle(t).fontSize)));
      expect(smallest).to.be.at.least(14 * 20 / 16);
    } finally {
      removeKnob();
      removeReset();
    }
  });
});
