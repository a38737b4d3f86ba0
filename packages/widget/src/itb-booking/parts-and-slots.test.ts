import { expect, fixture, html } from '@open-wc/testing';
import type { ItbBooking } from './itb-booking.js';
import {
  BFF, catalogLoaded, choose, deepQuery, deepQueryAll, goToTimes, mount, stepOf, timeButtons, waitFor,
} from '../testing/widget.test-support.js';

const partsOf = (node: Element) => (node.getAttribute('part') ?? '').split(/\s+/).filter(Boolean);

/** Where a node is, for a failure message: its tag and class, and the element whose shadow root holds it. */
function describeNode(node: Element): string {
  const host = (node.getRootNode() as ShadowRoot).host;
  return `<${node.localName} class="${node.getAttribute('class') ?? ''}"> in ${host?.localName ?? 'the page'}`;
}

/**
 * Every part anywhere inside `el` must be styleable from the page as `itb-booking::part(name)`,
 * through every shadow root in between (exportparts). A rule per name sets a custom property of
 * that name; a node whose part is not forwarded does not get it.
 */
function unreachableParts(el: ItbBooking): string[] {
  const nodes = deepQueryAll<Element>(el.shadowRoot!, '[part]');
  const names = new Set(nodes.flatMap(partsOf));
  const sheet = document.createElement('style');
  sheet.textContent = [...names].map((name) => `itb-booking::part(${name}) { --probe-${name}: 1; }`).join('\n');
  document.head.append(sheet);
  try {
    return nodes.flatMap((node) => partsOf(node)
      .filter((name) => getComputedStyle(node).getPropertyValue(`--probe-${name}`).trim() !== '1')
      .map((name) => `${name}: ${describeNode(node)}`));
  } finally {
    sheet.remove();
  }
}

/** Buttons, button-styled links, inputs, badges and notices without a part. */
function pieces(el: ItbBooking): { all: number; withoutPart: string[] } {
  const found = deepQueryAll<Element>(el.shadowRoot!, 'button, a, input, textarea, label, .badge, .notice, h2, h3, h4, itb-day-picker');
  return { all: found.length, withoutPart: found.filter((node) => partsOf(node).length === 0).map(describeNode) };
}

describe('parts', () => {
  it('names every visible piece, and every name reaches the page, from the first screen to the review step', async () => {
    const el = await mount({ campaign: 'SPRING26', clinic: 'atlantis' });
    await catalogLoaded(el);
    await waitFor(() => deepQuery(el, '.badge'), 'campaign badge');
    const seen = new Set<string>();
    const check = (where: string) => {
      deepQueryAll<Element>(el.shadowRoot!, '[part]').flatMap(partsOf).forEach((name) => seen.add(name));
      expect(unreachableParts(el), `${where}: parts not forwarded`).to.deep.equal([]);
      expect(pieces(el).withoutPart, `${where}: pieces without a part`).to.deep.equal([]);
    };
    check('first screen');
    await goToTimes(el, 'hs-stockholm-city', 'ad-examination-30', '');
    await timeButtons(el);
    check('time step');
    (await timeButtons(el))[0]!.click();
    const review = await stepOf(el, 'itb-review-step');
    await waitFor(() => deepQuery(review, 'button.primary'), 'sign-in offered');
    check('review step');
    for (const name of ['radio', 'badge', 'notice', 'error', 'photo', 'label', 'primary-button', 'day-picker', 'day', 'week-button', 'week-label', 'day-heading', 'day-part-heading', 'time-button', 'first-free', 'summary']) {
      expect(seen.has(name), `part ${name} shown somewhere`).to.equal(true);
    }
  });

  it('reaches the practitioner step\'s radios and photos too', async () => {
    const el = await mount({ clinic: 'hs-stockholm-city' });
    await catalogLoaded(el);
    choose(el, 'treatment', 'ad-examination-30');
    await el.updateComplete;
    deepQuery<HTMLButtonElement>(el, 'button.primary')!.click();
    await stepOf(el, 'itb-practitioner-step');
    await waitFor(() => deepQuery(el, 'input[name="practitioner"]'), 'practitioners');
    expect(unreachableParts(el)).to.deep.equal([]);
    expect(pieces(el).withoutPart).to.deep.equal([]);
  });

  it('reaches My bookings\' buttons when signed out', async () => {
    const el = await mount({ view: 'my-bookings' });
    const step = await stepOf(el, 'itb-my-bookings');
    await waitFor(() => deepQuery(step, 'button.primary'), 'sign-in offered');
    expect(unreachableParts(el)).to.deep.equal([]);
    expect(pieces(el).withoutPart).to.deep.equal([]);
  });
});

describe('slots', () => {
  async function mountWithSlots(mode?: string): Promise<ItbBooking> {
    history.replaceState(null, '');
    return fixture<ItbBooking>(html`<itb-booking bff=${BFF} locale="en" mode=${mode ?? 'inline'}>
      <p slot="header" id="brand">Fjordvik Tandvård</p>
      <p slot="legal" id="privacy">We handle your data as our privacy notice says.</p>
      <p slot="footer" id="hours">Open weekdays 8–17</p>
    </itb-booking>`);
  }

  const box = (el: ItbBooking, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;

  it('renders header above the step, legal under its buttons and footer last, on every step', async () => {
    const el = await mountWithSlots();
    await catalogLoaded(el);
    const inOrder = () => {
      const [header, legal, footer] = ['header', 'legal', 'footer'].map((name) => box(el, name));
      const step = el.shadowRoot!.querySelector('itb-time-step, itb-clinic-step')!;
      return header!.compareDocumentPosition(step) & Node.DOCUMENT_POSITION_FOLLOWING
        && step.compareDocumentPosition(legal!) & Node.DOCUMENT_POSITION_FOLLOWING
        && legal!.compareDocumentPosition(footer!) & Node.DOCUMENT_POSITION_FOLLOWING;
    };
    for (const where of ['first screen', 'time step']) {
      if (where === 'time step') await goToTimes(el, 'hs-stockholm-city', 'ad-examination-30', '');
      expect(Boolean(inOrder()), `${where}: order`).to.equal(true);
      for (const [name, id] of [['header', 'brand'], ['legal', 'privacy'], ['footer', 'hours']] as const) {
        expect(box(el, name).hidden, `${where}: ${name} shown`).to.equal(false);
        expect(box(el, name).querySelector('slot')!.assignedElements().map((e) => e.id)).to.deep.equal([id]);
        expect(document.getElementById(id)!.getBoundingClientRect().height, `${where}: ${name} laid out`).to.be.greaterThan(0);
      }
    }
    expect(getComputedStyle(document.getElementById('privacy')!).fontSize).to.equal('14px');
    await expect(el).to.be.accessible();
  });

  it('hides an empty slot\'s box, and shows it when the page fills it later', async () => {
    const el = await mount();
    await catalogLoaded(el);
    expect(box(el, 'footer').hidden).to.equal(true);
    expect(box(el, 'footer').getBoundingClientRect().height).to.equal(0);
    const footer = document.createElement('p');
    footer.slot = 'footer';
    footer.textContent = 'Call us: 08-123 45 67';
    el.append(footer);
    await waitFor(() => !box(el, 'footer').hidden, 'footer shown');
    footer.remove();
    await waitFor(() => box(el, 'footer').hidden, 'footer hidden again');
  });

  it('follows the journey into the popup', async () => {
    const el = await mountWithSlots('popup');
    el.open();
    const dialog = await waitFor(() => el.shadowRoot!.querySelector<HTMLDialogElement>('dialog[open]'), 'popup open');
    await catalogLoaded(el);
    for (const name of ['header', 'legal', 'footer']) expect(dialog.contains(box(el, name)), `${name} in the dialog`).to.equal(true);
    expect(document.getElementById('brand')!.getBoundingClientRect().height).to.be.greaterThan(0);
    el.close();
  });
});
