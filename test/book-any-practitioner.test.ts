/**
 * Journey 1 (and 8): a patient books at a clinic with "any practitioner" and the first free time,
 * signs in with test BankID, books with SMS confirmation and sees the confirmation; the appointment
 * then exists in the sandbox. Once on a desktop and once on a phone-sized screen.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PERSONS } from './support/bankid.js';
import { chooseUpToReview, confirmBooking, signInFromReview } from './support/booking.js';
import { startJourney, type Journey } from './support/journey.js';
import { bookingsOf } from './support/sandbox.js';
import { TRANSLATIONS, widgetOn } from './support/widget.js';

const t = TRANSLATIONS.sv;
let journey: Journey | undefined;
afterEach(async () => { await journey?.close(); journey = undefined; });

describe('a patient books with any practitioner', () => {
  for (const [viewport, person, clinic] of [
    ['desktop', 'alva', 'Fjordvik Tandvård Stockholm City'],
    ['phone', 'erik', 'Fjordvik Tandvård Södermalm'],
  ] as const) {
    it(`on ${viewport === 'phone' ? 'a phone (375×812)' : 'a desktop'}`, async () => {
      const before = await bookingsOf(PERSONS[person].personalNumber);
      journey = await startJourney(`book-any-practitioner-${viewport}`, { viewport, path: '/' });
      const w = widgetOn(journey.page, t);

      const time = await chooseUpToReview(journey, w, { clinic: new RegExp(clinic), treatment: /^Undersökning/ });
      await signInFromReview(journey, w, person);
      await journey.step('signed-in');
      await confirmBooking(journey, w);

      const after = await bookingsOf(PERSONS[person].personalNumber);
      expect(after.length).toBe(before.length + 1);
      const made = after.find((a) => !before.some((b) => b.id === a.id));
      expect(JSON.stringify(made)).toContain(clinic);
      expect(JSON.stringify(made)).toContain('send-confirmation-by-sms');
      // The chosen time (HH:MM in the clinic's zone) is the booked start.
      const clock = /\d{1,2}[:.]\d{2}/.exec(time)?.[0]?.replace('.', ':');
      const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit' }).format(new Date(made!.start!));
      expect(local).toBe(clock?.padStart(5, '0'));
    });
  }
});
