import { expect } from '@open-wc/testing';
import { BFF, deepQuery, waitFor } from '../testing/widget.test-support.js';

/**
 * The README's policy for a same-site BFF, with `style-src 'none'`: the widget's styles are
 * constructable stylesheets (its own and the popup's, adopted later), which need no style source.
 */
const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'none'; img-src 'self'; connect-src 'self'; base-uri 'self'; form-action 'self'";

describe('popup and floating mode under a strict Content-Security-Policy', () => {
  it('load, open from a data-itb-open button, lock the page\'s scroll and close with no violation', async () => {
    const frame = document.createElement('iframe');
    frame.style.width = '800px';
    frame.style.height = '600px';
    // Same origin as the test page (srcdoc), so 'self' serves the widget's modules and the BFF under /booking-api.
    frame.srcdoc = `<!doctype html><html lang="en"><head>
      <meta http-equiv="Content-Security-Policy" content="${STRICT_CSP}">
      <script src="${new URL('../../test-support/csp-violations.js', import.meta.url).pathname}"></script>
      <script type="module" src="${new URL('../index.ts', import.meta.url).pathname}"></script></head>
      <body><button data-itb-open data-itb-clinic="stockholm-city">Boka tid</button>
      <itb-booking bff="${BFF}" mode="floating" locale="en"></itb-booking></body></html>`;
    document.body.append(frame);
    try {
      await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      const page = frame.contentWindow! as Window & { cspViolations: string[] };
      const doc = frame.contentDocument!;
      const violations = page.cspViolations;
      const widget = await waitFor(() => (page.customElements.get('itb-booking') === undefined ? undefined : doc.querySelector('itb-booking')), 'widget defined');
      // The root passed is the shadow root: deepQuery's `instanceof Element` does not hold across frames.
      const inside = (selector: string) => deepQuery<HTMLInputElement>(widget.shadowRoot!, selector);
      const dialog = await waitFor(() => widget.shadowRoot?.querySelector<HTMLDialogElement>('dialog.popup'), 'popup rendered');
      await waitFor(() => inside('input[name="clinic"]'), 'catalog loaded');
      doc.querySelector('button')!.click();
      await waitFor(() => dialog.open, 'opened');
      await waitFor(() => inside('input[name="clinic"]:checked')?.value === 'hs-stockholm-city', 'prefilled');
      expect(page.getComputedStyle(doc.documentElement).overflowY).to.equal('hidden');
      // The popup's own styles (adopted when its code arrived) are in force: no UA border on the dialog.
      expect(page.getComputedStyle(dialog).borderTopWidth).to.equal('0px');
      expect(page.getComputedStyle(widget.shadowRoot!.querySelector('button[part~="floating-button"]')!).position).to.equal('fixed');
      const closed = new Promise((resolve) => widget.addEventListener('itb-close', resolve, { once: true }));
      (widget as HTMLElement & { close(): void }).close();
      await closed;
      expect(doc.documentElement.getAttribute('style') ?? '').to.equal('');
      expect(violations).to.deep.equal([]);
      // The policy is really in force: an inline style attribute is refused and reported.
      doc.body.insertAdjacentHTML('beforeend', '<p style="color: red">x</p>');
      await waitFor(() => violations.length > 0, 'a violation reported');
      expect(violations).to.deep.equal(['style-src-attr inline']);
    } finally {
      frame.remove();
    }
  });
});
