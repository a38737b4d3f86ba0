import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { OFFERS_CONTEXT_ELEMENTS, indexOffersContext, weekWindow } from '@itb/shared';
import { BffClient, BffError } from './bff-client.js';
import { createParameters } from './state/book-request.js';
import { EMPTY_FORM } from './state/booking-state.js';
import { BFF, problemOf, signOut } from './testing/widget.test-support.js';

/** Records what the client hands to fetch, while the real fetch still does the work. */
function recordFetch(): { calls: { url: string; init: RequestInit }[]; restore(): void } {
  const original = window.fetch;
  const calls: { url: string; init: RequestInit }[] = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    return original(input, init);
  };
  return { calls, restore: () => { window.fetch = original; } };
}

describe('bff-client', () => {
  const signal = () => new AbortController().signal;

  it('resolves a relative BFF URL against the page and gets the whole catalog in one request', async () => {
    const client = new BffClient(`${BFF}/`);
    expect(client.origin).to.equal(location.origin);
    const spy = recordFetch();
    try {
      const bundle = await client.offersContext(signal());
      expect(bundle.resourceType).to.equal('Bundle');
      expect(bundle.entry?.length ?? 0).to.be.greaterThan(0);
      // Only what the widget reads travels: the BFF subsets the answer and tags it SUBSETTED.
      const clinic = bundle.entry?.find((e) => e.resource?.resourceType === 'HealthcareService')?.resource;
      expect(clinic?.meta?.tag?.some((tag) => tag.code === 'SUBSETTED')).to.equal(true);
    } finally {
      spy.restore();
    }
    expect(spy.calls).to.have.length(1);
    const url = new URL(spy.calls[0]!.url);
    expect(url.pathname).to.equal('/booking-api/fhir/$get-offers-context');
    expect(url.searchParams.get('includePractitionerRolePortal')).to.equal('true');
    expect(url.searchParams.get('_elements')).to.equal(OFFERS_CONTEXT_ELEMENTS);
    expect(spy.calls[0]!.init.credentials).to.equal('include');
  });

  it('addresses a BFF at the root of its own origin without a doubled slash, with or without a trailing one', () => {
    for (const base of ['https://booking.clinic.example', 'https://booking.clinic.example/', 'https://booking.clinic.example//']) {
      expect(new BffClient(base).url('/fhir/$get-offers-context'), base).to.equal('https://booking.clinic.example/fhir/$get-offers-context');
    }
    expect(new BffClient('https://www.clinic.example/booking-api/').url('/healthz')).to.equal('https://www.clinic.example/booking-api/healthz');
  });

  it('reads an OperationOutcome into a reason code', async () => {
    const error = await problemOf(new BffClient(BFF).campaign('NO-SUCH-CODE', signal()));
    expect(error.problem.reason).to.equal('campaign-unknown');
    expect(error.problem.status).to.equal(404);
  });

  it('turns a refused connection into reason "network"', async () => {
    // A port nothing listens on (port 9 would be blocked by Chromium itself as unsafe, never refused).
    const error = await problemOf(new BffClient(window.ITB_TEST.unreachableBff).session(signal()));
    expect(error.problem.reason).to.equal('network');
  });

  it('rethrows aborts untouched, so a newer request can replace an older one silently', async () => {
    const controller = new AbortController();
    const pending = new BffClient(BFF).offersContext(controller.signal);
    controller.abort();
    let caught: unknown;
    try { await pending; } catch (error) { caught = error; }
    expect(caught).to.be.instanceOf(DOMException);
    expect((caught as DOMException).name).to.equal('AbortError');
  });

  it('sends $book with CSRF and idempotency headers; without a session it is refused and nothing is booked', async () => {
    await signOut();
    const client = new BffClient(BFF);
    const week = weekWindow(new Date(Date.now() + 14 * 86_400_000), 'Europe/Stockholm');
    const catalog = indexOffersContext(await client.offersContext(signal()));
    const visitType = catalog.treatments.get('ad-hygiene-45')!.visitType;
    const { times } = await client.find({ ...week, clinicId: 'hs-stockholm-city', visitType }, signal());
    expect(times.length).to.be.greaterThan(0);
    const parameters = createParameters(times[0]!.appointment, { ...EMPTY_FORM, mobilePhone: '+46701740605', termsAccepted: true });
    const before = await executeServerCommand<number, undefined>('itb-sandbox-bookings');
    const spy = recordFetch();
    let error: BffError;
    try {
      error = await problemOf(new BffClient(BFF).book(parameters, 'key-123', signal()));
    } finally {
      spy.restore();
    }
    expect(error.problem.reason).to.equal('login-required');
    const headers = spy.calls[0]!.init.headers as Record<string, string>;
    expect(headers['X-ITB-CSRF']).to.equal('1');
    expect(headers['Idempotency-Key']).to.equal('key-123');
    expect(headers['Content-Type']).to.equal('application/fhir+json');
    expect(spy.calls[0]!.init.method).to.equal('POST');
    expect(await executeServerCommand<number, undefined>('itb-sandbox-bookings')).to.equal(before);
  });

  it('reports the session as signed out without a cookie', async () => {
    await signOut();
    expect(await new BffClient(BFF).session(signal())).to.deep.equal({ signedIn: false });
  });
});
