import { expect } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { catalogLoaded, waitFor } from '../testing/widget.test-support.js';
import { deepActiveElement, dialogOf, focusInDialog, mountMode, nextClose, nextOpen, pageButton } from './embed.test-support.js';

const root = document.documentElement;

/** The dialog's opening animation has run (it moves the box while it plays). */
async function settled(dialog: HTMLDialogElement): Promise<void> {
  await Promise.all(dialog.getAnimations().map((animation) => animation.finished));
}

describe('popup mode', () => {
  it('opens the journey in a modal dialog with focus on the step heading, and Esc closes it with focus back on the opener', async () => {
    const el = await mountMode('popup');
    await catalogLoaded(el);
    const dialog = await dialogOf(el);
    expect(dialog.open).to.equal(false);
    expect(el.getBoundingClientRect().height).to.equal(0);
    const opener = pageButton('Book a visit');
    opener.addEventListener('click', () => el.open());
    try {
      opener.focus();
      const opened = nextOpen(el);
      await sendKeys({ press: 'Enter' });
      expect((await opened).detail).to.deep.equal({ step: 'select' });
      expect(dialog.matches(':modal')).to.equal(true);
      await waitFor(() => deepActiveElement()?.id === 'select-heading', 'the step heading focused');
      expect(focusInDialog(el)).to.equal(true);

      const closed = nextClose(el);
      await sendKeys({ press: 'Escape' });
      expect((await closed).detail).to.deep.equal({ step: 'select' });
      expect(dialog.open).to.equal(false);
      expect(document.activeElement).to.equal(opener);
    } finally {
      opener.remove();
    }
  });

  it('has a close button named in the widget\'s language, and keeps the journey for the next opening', async () => {
    const el = await mountMode('popup', { locale: 'sv' });
    await catalogLoaded(el);
    const close = await waitFor(() => el.shadowRoot!.querySelector<HTMLButtonElement>('button[part="close-button"]'), 'close button');
    await waitFor(() => close.getAttribute('aria-label') === 'Stäng bokningen', 'Swedish name');
    el.open();
    await nextOpen(el);
    const clinic = await waitFor(() => el.shadowRoot!.querySelector('itb-clinic-step')?.shadowRoot?.querySelector<HTMLInputElement>('input[value="hs-stockholm-city"]'), 'clinic listed');
    clinic.click();
    const closed = nextClose(el);
    close.click();
    await closed;
    el.open();
    await nextOpen(el);
    expect(clinic.isConnected && clinic.checked).to.equal(true);
    el.locale = 'nb';
    await waitFor(() => close.getAttribute('aria-label') === 'Lukk bestillingen', 'Norwegian name');
    el.locale = 'en';
    await waitFor(() => close.getAttribute('aria-label') === 'Close booking', 'English name');
    el.close();
  });

  it('locks the page\'s scroll while open and puts the page\'s own inline styles back exactly, also with two widgets open', async () => {
    const spacer = document.createElement('div');
    spacer.style.height = '4000px';
    document.body.append(spacer);
    root.style.setProperty('overflow-x', 'clip');
    try {
      const first = await mountMode('popup', { id: 'first' });
      const second = await mountMode('popup', { id: 'second' });
      await Promise.all([dialogOf(first), dialogOf(second)]);
      window.scrollTo(0, 400);
      const y = window.scrollY;
      expect(y).to.be.greaterThan(0);

      first.open();
      await nextOpen(first);
      expect(getComputedStyle(root).overflowY).to.equal('hidden');
      expect(window.scrollY).to.equal(y);
      second.open();
      await nextOpen(second);
      first.close();
      await nextClose(first);
      expect(getComputedStyle(root).overflowY, 'still locked by the second').to.equal('hidden');
      second.close();
      await nextClose(second);

      expect(root.style.getPropertyValue('overflow-x')).to.equal('clip');
      expect(root.style.getPropertyValue('overflow-y')).to.equal('');
      expect(root.style.getPropertyValue('scrollbar-gutter')).to.equal('');
      expect(getComputedStyle(root).overflowY).to.equal('visible');
      expect(window.scrollY).to.equal(y);
    } finally {
      root.style.removeProperty('overflow-x');
      spacer.remove();
      window.scrollTo(0, 0);
    }
  });

  it('fills a 320–480 px phone screen and keeps a reading width on a desktop', async () => {
    const el = await mountMode('popup');
    const dialog = await dialogOf(el);
    try {
      for (const width of [320, 480]) {
        await setViewport({ width, height: 700 });
        el.open();
        await waitFor(() => dialog.open, 'open');
        await settled(dialog);
        const box = dialog.getBoundingClientRect();
        expect([box.left, box.top, box.width, box.height], `${width} px`).to.deep.equal([0, 0, width, 700]);
        el.close();
        await waitFor(() => !dialog.open, 'closed');
      }
      await setViewport({ width: 1280, height: 800 });
      el.open();
      await waitFor(() => dialog.open, 'open');
      await settled(dialog);
      const box = dialog.getBoundingClientRect();
      expect(box.width).to.be.within(600, 900);
      expect(box.left + box.width / 2).to.be.closeTo(640, 1);
      el.close();
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('gives focus back to the page and unlocks scrolling when the element is removed while open', async () => {
    const el = await mountMode('popup');
    el.open();
    await nextOpen(el);
    el.remove();
    expect(getComputedStyle(root).overflowY).to.equal('visible');
  });

  it('passes axe with the popup open', async () => {
    const el = await mountMode('popup');
    await catalogLoaded(el);
    el.open();
    await nextOpen(el);
    await expect(el).to.be.accessible();
    el.close();
  });
});

describe('floating mode', () => {
  it('shows a fixed button at the bottom right that Tab reaches and Enter opens, and focus comes back to it', async () => {
    const before = pageButton('Before the widget');
    document.body.prepend(before);
    try {
      const el = await mountMode('floating', { locale: 'sv' });
      await catalogLoaded(el);
      const button = await waitFor(() => el.shadowRoot!.querySelector<HTMLButtonElement>('button[part~="floating-button"]'), 'floating button');
      await waitFor(() => button.textContent?.trim() === 'Boka tid', 'Swedish label');
      expect(getComputedStyle(button).position).to.equal('fixed');
      const box = button.getBoundingClientRect();
      expect(box.right).to.be.within(innerWidth - 40, innerWidth);
      expect(box.bottom).to.be.within(innerHeight - 40, innerHeight);

      before.focus();
      await sendKeys({ press: 'Tab' });
      expect(deepActiveElement()).to.equal(button);
      const opened = nextOpen(el);
      await sendKeys({ press: 'Enter' });
      await opened;
      await waitFor(() => deepActiveElement()?.id === 'select-heading', 'the step heading focused');
      const closed = nextClose(el);
      await sendKeys({ press: 'Escape' });
      await closed;
      expect(deepActiveElement()).to.equal(button);
      await expect(el).to.be.accessible();
    } finally {
      before.remove();
    }
  });

  it('goes back inline, without the button or the dialog, when mode is removed', async () => {
    const el = await mountMode('floating');
    await dialogOf(el);
    el.open();
    await nextOpen(el);
    const closed = nextClose(el);
    el.removeAttribute('mode');
    await closed;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('dialog, button[part~="floating-button"]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('.base')).to.not.equal(null);
    expect(getComputedStyle(root).overflowY).to.equal('visible');
  });
});
