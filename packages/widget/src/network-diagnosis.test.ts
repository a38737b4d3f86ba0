// Issue 13, point 9: a BFF that refuses the page's origin and a BFF that cannot be reached both reach
// page JavaScript as the same TypeError; in real Chromium, against a real BFF that runs but leaves
// this page out of ITB_ALLOWED_ORIGINS and a port nothing listens on (both from web-test-runner.config.js),
// the widget tells them apart for the integrator (console, itb-error's reason) and does not blame the
// patient's connection when it is the origin.
import { expect } from '@open-wc/testing';
import type { ItbErrorEvent } from './events/itb-error.js';
import { BffClient, type BffError } from './bff-client.js';
import { en } from './locales/en.js';
import { deepText, mount, problemOf, waitFor } from './testing/widget.test-support.js';

const REFUSING_BFF = window.ITB_TEST.refusingBff;
const UNREACHABLE_BFF = window.ITB_TEST.unreachableBff;

/** console.error lines written while `run` runs. */
async function consoleErrorsDuring(run: () => Promise<unknown>): Promise<string[]> {
  const original = console.error;
  const lines: string[] = [];
  console.error = (...args: unknown[]) => { lines.push(args.map(String).join(' ')); };
  try {
    await run().catch(() => undefined);
  } finally {
    console.error = original;
  }
  return lines;
}

describe('why a request to the BFF got no answer', () => {
  it('is a refused origin when the BFF runs but leaves this page out: the console names the origin and the setting', async () => {
    // The browser itself blocks the answer: the same TypeError as a dead server.
    let raw: unknown;
    try { await fetch(`${REFUSING_BFF}/fhir/$get-offers-context`, { credentials: 'include' }); } catch (error) { raw = error; }
    expect(raw).to.be.instanceOf(TypeError);

    let error: BffError | undefined;
    const lines = await consoleErrorsDuring(async () => { error = await problemOf(new BffClient(REFUSING_BFF).offersContext(new AbortController().signal)); });
    expect(error?.problem.reason).to.equal('origin-not-allowed');
    expect(lines).to.have.length(1);
    expect(lines[0]).to.contain(`refuses this page's origin ${location.origin}`);
    expect(lines[0]).to.contain('ITB_ALLOWED_ORIGINS');
  });

  it('is the network when nothing listens at the BFF address, not even on its health route', async () => {
    let error: BffError | undefined;
    const lines = await consoleErrorsDuring(async () => { error = await problemOf(new BffClient(UNREACHABLE_BFF).offersContext(new AbortController().signal)); });
    expect(error?.problem.reason).to.equal('network');
    expect(lines).to.have.length(1);
    expect(lines[0]).to.contain(`cannot reach the BFF at ${UNREACHABLE_BFF}`);
    expect(lines[0]).to.not.contain('ITB_ALLOWED_ORIGINS');
  });

  it('says it once per BFF, not at every retry', async () => {
    const client = new BffClient(`${REFUSING_BFF}/`);
    const lines = await consoleErrorsDuring(async () => {
      // The first test already said it for this BFF: the same page is not told again.
      await problemOf(client.offersContext(new AbortController().signal));
      await problemOf(client.offersContext(new AbortController().signal));
    });
    expect(lines).to.deep.equal([]);
  });

  it('gives the element an itb-error with reason origin-not-allowed, and the patient a message that does not blame their connection', async () => {
    const reasons: string[] = [];
    const listener = (event: ItbErrorEvent) => { reasons.push(event.detail.reason); };
    document.addEventListener('itb-error', listener);
    try {
      const el = await mount({ bff: REFUSING_BFF });
      await waitFor(() => deepText(el).includes(en.reasons['origin-not-allowed']), 'the refused-origin message');
      expect(deepText(el)).to.not.contain(en.reasons.network);
    } finally {
      document.removeEventListener('itb-error', listener);
    }
    expect(reasons).to.include('origin-not-allowed');
    expect(reasons).to.not.include('network');
  });

  it('gives the element an itb-error with reason network when nothing listens at the BFF address', async () => {
    const reasons: string[] = [];
    const listener = (event: ItbErrorEvent) => { reasons.push(event.detail.reason); };
    document.addEventListener('itb-error', listener);
    let el: Element | undefined;
    try {
      // Said once per page and BFF (above); a page's first failure would print it here, out of the test output.
      await consoleErrorsDuring(async () => {
        el = await mount({ bff: UNREACHABLE_BFF });
        await waitFor(() => reasons.length > 0 && deepText(el!).includes(en.reasons.network), 'itb-error and the connection message');
      });
    } finally {
      document.removeEventListener('itb-error', listener);
    }
    expect(el, 'the element mounted').to.not.equal(undefined);
    expect(deepText(el!)).to.contain(en.reasons.network);
    expect(reasons).to.include('network');
    expect(reasons).to.not.include('origin-not-allowed');
  });
});
