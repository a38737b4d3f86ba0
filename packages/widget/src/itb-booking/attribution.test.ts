import { expect, oneEvent } from '@open-wc/testing';
import { withPageParams } from '../embed/embed.test-support.js';
import type { ItbBookedEvent } from '../events/itb-booked.js';
import { bookVisit, mount, resetSandbox, signIn, signOut } from '../testing/widget.test-support.js';

/** The `X-ITB-Attribution` header of each `$book` the page sends while `body` runs. */
async function bookHeaders(body: () => Promise<void>): Promise<(string | undefined)[]> {
  const original = window.fetch;
  const seen: (string | undefined)[] = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    if (String(input).includes('/fhir/Appointment/$book')) seen.push(new Headers(init?.headers).get('X-ITB-Attribution') ?? undefined);
    return original(input, init);
  };
  try {
    await body();
  } finally {
    window.fetch = original;
  }
  return seen;
}

describe('campaign attribution', () => {
  before(async () => {
    await resetSandbox();
    await signIn();
  });
  after(async () => {
    await signOut();
  });

  it('carries the page\'s UTM values in itb-booked and to the BFF, cleaned of anything personal', async () => {
    const params = {
      utm_source: 'nyhetsbrev', utm_medium: 'email', utm_campaign: 'vår-2026', utm_term: 'alva@example.se', utm_content: '070-174 06 05', gclid: 'abc',
    };
    let detail: ItbBookedEvent['detail'] | undefined;
    const headers = await bookHeaders(() => withPageParams(params, async () => {
      const el = await mount();
      const booked = oneEvent(el, 'itb-booked') as Promise<ItbBookedEvent>;
      await bookVisit(el, 'hs-stockholm-city', 'ad-hygiene-45');
      detail = (await booked).detail;
    }));
    const expected = { utm_source: 'nyhetsbrev', utm_medium: 'email', utm_campaign: 'vår-2026' };
    expect(detail?.attribution).to.deep.equal(expected);
    expect(headers.map((header) => Object.fromEntries(new URLSearchParams(header)))).to.deep.equal([expected]);
  });

  it('sends no header and an empty attribution when the page has no UTM values', async () => {
    let detail: ItbBookedEvent['detail'] | undefined;
    const headers = await bookHeaders(async () => {
      const el = await mount();
      const booked = oneEvent(el, 'itb-booked') as Promise<ItbBookedEvent>;
      await bookVisit(el, 'hs-stockholm-city', 'ad-hygiene-45', { weeks: 3 });
      detail = (await booked).detail;
    });
    expect(detail?.attribution).to.deep.equal({});
    expect(headers).to.deep.equal([undefined]);
  });
});
