import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ItbBooking } from '../itb-booking/itb-booking.js';
import { catalogLoaded, deepQuery, deepText, waitFor } from '../testing/widget.test-support.js';
import { deepActiveElement, dialogOf, mountMode, nextClose, nextOpen, pageButton } from './embed.test-support.js';

/** Counts `open()` calls on `el` (the listener calls the element's public API). */
function countOpens(el: ItbBooking): { readonly count: number } {
  let count = 0;
  const open = el.open.bind(el);
  el.open = (opener?: HTMLElement) => { count += 1; open(opener); };
  return { get count() { return count; } };
}

/** A link on the page whose click is recorded, then kept from navigating (after the widget's listener had its say). */
function pageLink(attributes: Record<string, string>): { link: HTMLAnchorElement; prevented: boolean[]; remove(): void } {
  const link = document.createElement('a');
  link.href = '#not-followed';
  link.textContent = 'Boka tid';
  for (const [name, value] of Object.entries(attributes)) link.setAttribute(name, value);
  document.body.append(link);
  const prevented: boolean[] = [];
  const record = (event: Event) => { prevented.push(event.defaultPrevented); event.preventDefault(); };
  document.addEventListener('click', record);
  return { link, prevented, remove: () => { document.removeEventListener('click', record); link.remove(); } };
}

describe('data-itb-open', () => {
  it('opens the first popup widget from a button added after load, with its prefill, and focus returns to the button', async () => {
    const el = await mountMode('popup');
    await catalogLoaded(el);
    await dialogOf(el);
    const trigger = pageButton('Boka hygienist', { 'data-itb-open': '', 'data-itb-clinic': 'stockholm-city', 'data-itb-treatment': 'hyg45' });
    try {
      trigger.focus();
      const opened = nextOpen(el);
      // Keyboard activation of a button is a click: nothing else is needed for it.
      await sendKeys({ press: 'Enter' });
      expect((await opened).detail.step).to.equal('select');
      await waitFor(() => deepQuery<HTMLInputElement>(el, 'input[name="treatment"]:checked')?.value === 'ad-hygiene-45', 'treatment prefilled');
      expect(deepQuery<HTMLInputElement>(el, 'input[name="clinic"]:checked')?.value).to.equal('hs-stockholm-city');
      await waitFor(() => deepActiveElement()?.id === 'select-heading', 'the step heading focused');
      const closed = nextClose(el);
      await sendKeys({ press: 'Escape' });
      await closed;
      expect(document.activeElement).to.equal(trigger);
    } finally {
      trigger.remove();
    }
  });

  it('opens the widget its value names, once, however many widgets share the page\'s one listener', async () => {
    const first = await mountMode('popup', { id: 'first-widget' });
    const second = await mountMode('floating', { id: 'second-widget' });
    await Promise.all([dialogOf(first), dialogOf(second)]);
    const firstOpens = countOpens(first);
    const secondOpens = countOpens(second);
    const named = pageButton('Second', { 'data-itb-open': 'second-widget' });
    const unnamed = pageButton('First', { 'data-itb-open': '' });
    try {
      const opened = nextOpen(second);
      named.click();
      expect([firstOpens.count, secondOpens.count]).to.deep.equal([0, 1]);
      await opened;
      second.close();
      await nextClose(second);
      unnamed.click();
      expect([firstOpens.count, secondOpens.count]).to.deep.equal([1, 1]);
      await nextOpen(first);
      first.close();
      await nextClose(first);
    } finally {
      named.remove();
      unnamed.remove();
    }
  });

  it('shows the same message as the attributes for a prefill that matches nothing', async () => {
    const el = await mountMode('popup');
    await catalogLoaded(el);
    await dialogOf(el);
    const trigger = pageButton('Boka', { 'data-itb-open': '', 'data-itb-clinic': 'no-such-clinic' });
    try {
      trigger.click();
      await nextOpen(el);
      await waitFor(() => deepText(el).includes('No clinic called "no-such-clinic" was found.'), 'preselect message');
      el.close();
    } finally {
      trigger.remove();
    }
  });

  it('prevents a link\'s navigation only when a widget takes the click, and leaves modified clicks to the browser', async () => {
    const inline = await mountMode(undefined);
    await catalogLoaded(inline);
    const { link, prevented, remove } = pageLink({ 'data-itb-open': '' });
    try {
      link.click();
      expect(prevented, 'no popup widget on the page').to.deep.equal([false]);
      const popup = await mountMode('popup');
      await dialogOf(popup);
      link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, ctrlKey: true }));
      expect(prevented, 'Ctrl+click opens a tab').to.deep.equal([false, false]);
      const opened = nextOpen(popup);
      link.click();
      expect(prevented).to.deep.equal([false, false, true]);
      await opened;
      popup.close();
      await nextClose(popup);
    } finally {
      remove();
    }
  });
});
