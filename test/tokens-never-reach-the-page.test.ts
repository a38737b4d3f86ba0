/**
 * Journey 6: the page's JavaScript cannot read any token. After a whole booking and a visit to My
 * bookings, document.cookie shows no session value, the session cookie is HttpOnly, and no response
 * the browser received (bodies and headers, popups included) carries a patient token, the API key,
 * the OIDC client secret or any JWT.
 */
import { afterEach, expect, it } from 'vitest';
import { chooseUpToReview, confirmBooking, signInFromReview } from './support/booking.js';
import { stack, startJourney, type Journey } from './support/journey.js';
import { findSecrets } from './support/responses.js';
import { secretsInSession, sessionCookie } from './support/session.js';
import { TRANSLATIONS, visible, widgetOn } from './support/widget.js';

const t = TRANSLATIONS.sv;
let journey: Journey | undefined;
afterEach(async () => { await journey?.close(); journey = undefined; });

it('no token, key or secret is readable by the page or present in anything it received', async () => {
  journey = await startJourney('tokens-never-reach-the-page', { path: '/' });
  const w = widgetOn(journey.page, t);
  await chooseUpToReview(journey, w, { clinic: /Stockholm City/, treatment: /^Akut tandvård/ });
  await signInFromReview(journey, w, 'kari');
  await confirmBooking(journey, w);
  await journey.page.goto(new URL('/mina-bokningar', stack().demo).href);
  const mine = widgetOn(journey.page, t);
  await mine.atStep(t.myBookings.heading);
  await visible(mine.root.getByRole('button', { name: t.myBookings.cancel }).first());
  await journey.step('my-bookings');

  const session = await sessionCookie(journey.context);
  expect(session, 'a session cookie exists after sign-in').toBeDefined();
  expect(session!.httpOnly.every(Boolean)).toBe(true);
  const tokens = await secretsInSession(session!.value);
  expect(tokens.length, 'the session holds the patient tokens').toBeGreaterThanOrEqual(2);

  const visibleCookies = await journey.page.evaluate(() => document.cookie);
  expect(visibleCookies).not.toMatch(/itb-session/);
  for (const token of tokens) expect(visibleCookies).not.toContain(token);
  expect(visibleCookies).not.toMatch(/eyJ[\w-]{8,}\./);

  // Wait until every response that arrived has its body recorded, then scan all of them.
  await journey.responsesRecorded();
  expect(journey.responses.length).toBeGreaterThan(10);
  const findings = findSecrets(journey.responses, [...tokens, stack().apiKey, 'sandbox-client-secret']);
  expect(findings).toEqual([]);
});
