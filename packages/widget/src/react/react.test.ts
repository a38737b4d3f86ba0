import { expect } from '@open-wc/testing';
import { createElement, createRef } from 'react';
import { createRoot } from 'react-dom/client';
import type { Root } from 'react-dom/client';
import type { ItbBookedEvent, ItbStepChangeEvent } from '../index.js';
import type { ItbBooking as ItbBookingElement } from '../itb-booking/itb-booking.js';
import {
  BFF, chooseFirstTime, confirmBooking, deepQuery, goToTimes, resetSandbox, signIn, snapshotOf, waitFor,
} from '../testing/widget.test-support.js';
import { ItbBooking } from './index.js';

const TERMS = 'https://fjordvik.example/villkor';

describe('@itb/widget/react', () => {
  let root: Root | undefined;
  let container: HTMLElement | undefined;

  before(async () => {
    await resetSandbox();
    await signIn();
  });

  afterEach(() => {
    root?.unmount();
    container?.remove();
  });

  it('renders <itb-booking> with React 19, sets camelCase props as properties, and a patient books through it', async () => {
    history.replaceState(null, '');
    const booked: ItbBookedEvent[] = [];
    const steps: string[] = [];
    const ref = createRef<ItbBookingElement>();
    container = document.body.appendChild(document.createElement('div'));
    root = createRoot(container);
    root.render(createElement(ItbBooking, {
      ref, bff: BFF, locale: 'en', termsUrl: TERMS, noHistory: true,
      onItbBooked: (event: ItbBookedEvent) => { booked.push(event); },
      onItbStepChange: (event: ItbStepChangeEvent) => { steps.push(event.detail.step); },
    }));
    const el = await waitFor(() => container!.querySelector('itb-booking'), 'itb-booking rendered');
    await customElements.whenDefined('itb-booking');
    expect(ref.current).to.equal(el);
    // Properties, not attributes: React would have written `termsUrl="…"`, which the element ignores.
    expect(el.termsUrl).to.equal(TERMS);
    expect(el.noHistory).to.equal(true);
    expect(el.hasAttribute('termsurl')).to.equal(false);

    const historyLength = history.length;
    await goToTimes(el, 'hs-goteborg-centrum', 'ad-examination-30');
    const review = await chooseFirstTime(el, 2);
    // The form, and the terms link in it, shows once the session is known.
    const terms = await waitFor(() => deepQuery<HTMLAnchorElement>(review, '.terms-link a'), 'terms link');
    expect(terms.href).to.equal(TERMS);
    const chosen = snapshotOf(el).chosenTime!;
    await confirmBooking(el);

    await waitFor(() => booked.length > 0, 'onItbBooked called');
    expect(booked).to.have.length(1);
    expect(booked[0]).to.be.instanceOf(CustomEvent);
    expect(booked[0]!.detail.appointmentId).to.equal(snapshotOf(el).booked!.appointment.id);
    expect(Date.parse(booked[0]!.detail.start)).to.equal(Date.parse(chosen.start));
    expect(booked[0]!.detail.clinicId).to.equal('hs-goteborg-centrum');
    expect(steps).to.include.members(['time', 'review', 'confirmation']);
    // noHistory reached the element: the steps added no history entries.
    expect(history.length).to.equal(historyLength);
    await expect(el).to.be.accessible();
  });
});
