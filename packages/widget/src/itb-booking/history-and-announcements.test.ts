import { expect } from '@open-wc/testing';
import type { ItbBooking } from './itb-booking.js';
import {
  button, catalogLoaded, chooseFirstTime, deepQuery, deepText, fillContactForm, goToTimes, mount, setOffline, signIn, snapshotOf, stepOf, timeButtons, waitFor,
} from '../testing/widget.test-support.js';

const onSelectStep = (el: ItbBooking) => el.shadowRoot!.querySelector('#select-heading') !== null;

/** Counts history entries pushed (history.length stops growing at the browser's cap of 50). */
function countPushes(): { readonly count: number; restore(): void } {
  const original = history.pushState;
  let count = 0;
  history.pushState = function (this: History, ...args: Parameters<History['pushState']>) { count += 1; original.apply(this, args); };
  return { get count() { return count; }, restore: () => { history.pushState = original; } };
}

/** Every message the two live regions get, in order, as a screen reader would be handed them. */
function recordLiveRegions(el: ItbBooking): { polite: string[]; assertive: string[]; stop(): void } {
  const said = { polite: [] as string[], assertive: [] as string[] };
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      const region = (record.target as Element).closest?.('[aria-live]');
      const text = region?.textContent?.trim() ?? '';
      if (region === null || region === undefined || text === '') continue;
      said[region.getAttribute('aria-live') === 'assertive' ? 'assertive' : 'polite'].push(text);
    }
  });
  observer.observe(el.shadowRoot!, { childList: true, subtree: true, characterData: true });
  return { ...said, stop: () => observer.disconnect() };
}

describe('browser history', () => {
  it('Back goes to the previous step and Forward to the next, focus on the step\'s heading', async () => {
    const el = await mount({ clinic: 'hs-stockholm-city', treatment: 'ad-examination-30' });
    await catalogLoaded(el);
    await waitFor(() => deepQuery(el, 'input[name="treatment"]:checked'), 'preselected');
    const pushes = countPushes();
    try {
      button(el, 'Continue').click();
      const practitioner = await stepOf(el, 'itb-practitioner-step');
      button(practitioner, 'Continue').click();
      await stepOf(el, 'itb-time-step');
    } finally {
      pushes.restore();
    }
    expect(pushes.count).to.equal(2);

    history.back();
    const again = await stepOf(el, 'itb-practitioner-step');
    await waitFor(() => again.shadowRoot!.activeElement?.tagName === 'H2', 'practitioner heading focused');
    history.back();
    await waitFor(() => onSelectStep(el), 'select step');
    expect(deepQuery<HTMLInputElement>(el, 'input[name="clinic"]:checked')?.value).to.equal('hs-stockholm-city');
    expect(deepQuery<HTMLInputElement>(el, 'input[name="treatment"]:checked')?.value).to.equal('ad-examination-30');
    history.forward();
    await stepOf(el, 'itb-practitioner-step');
  });

  it('a reload lands on the same step with the same choices', async () => {
    const el = await mount({ clinic: 'hs-stockholm-city', treatment: 'ad-examination-30' });
    await catalogLoaded(el);
    await waitFor(() => deepQuery(el, 'input[name="treatment"]:checked'), 'preselected');
    button(el, 'Continue').click();
    const practitioner = await stepOf(el, 'itb-practitioner-step');
    (deepQuery<HTMLInputElement>(practitioner, 'input[value="pr-anna-berg-sto"]'))!.click();
    await practitioner.updateComplete;
    button(practitioner, 'Continue').click();
    await timeButtons(el);
    el.remove();
    // The page reloads: history.state survives, the element is new.
    const reloaded = await mount({ keepHistory: true });
    await timeButtons(reloaded);
    expect(snapshotOf(reloaded)).to.include({ step: 'time', clinicId: 'hs-stockholm-city', treatmentId: 'ad-examination-30', practitionerId: 'pr-anna-berg-sto' });
  });

  it('no-history leaves the page\'s history alone', async () => {
    const el = await mount({ clinic: 'hs-stockholm-city', treatment: 'ad-examination-30', noHistory: true });
    await catalogLoaded(el);
    await waitFor(() => deepQuery(el, 'input[name="treatment"]:checked'), 'preselected');
    const pushes = countPushes();
    try {
      button(el, 'Continue').click();
      await stepOf(el, 'itb-practitioner-step');
    } finally {
      pushes.restore();
    }
    expect(pushes.count).to.equal(0);
    expect(history.state).to.equal(null);
  });

  it('skips the practitioner step when one practitioner offers the treatment, and Back skips it too', async () => {
    const el = await mount({ clinic: 'hs-stockholm-city', treatment: 'ad-hygiene-45' });
    await catalogLoaded(el);
    await waitFor(() => deepQuery(el, 'input[name="treatment"]:checked'), 'preselected');
    button(el, 'Continue').click();
    const time = await stepOf(el, 'itb-time-step');
    expect(el.shadowRoot!.querySelector('itb-practitioner-step')).to.equal(null);
    expect(snapshotOf(el).practitionerId).to.equal('pr-elin-holm-sto');
    expect(deepText(time)).to.contain('Elin Holm');
    button(time, 'Back').click();
    await waitFor(() => onSelectStep(el), 'back on the select step');
  });
});

describe('announcements', () => {
  it('says failures assertively and results politely, each once, and never "Loading…"', async () => {
    const el = await mount({ clinic: 'hs-stockholm-city', treatment: 'ad-hygiene-45' });
    const said = recordLiveRegions(el);
    await catalogLoaded(el);
    const unknown = 'That campaign code is not valid.';
    el.campaign = 'NO-SUCH-CODE';
    await waitFor(() => said.assertive.includes(unknown), 'unknown code said');
    el.campaign = 'NOR-THIS-ONE';
    await waitFor(() => said.assertive.filter((m) => m === unknown).length === 2, 'said again for the second code');
    el.campaign = 'SPRING26';
    await waitFor(() => said.polite.includes('Campaign code SPRING26 applied.'), 'applied said');
    await waitFor(() => deepQuery(el, 'input[name="treatment"]:checked'), 'choices kept');
    button(el, 'Continue').click();
    await timeButtons(el);
    await waitFor(() => said.polite.some((m) => /free time/i.test(m)), 'times said');
    said.stop();
    expect([...said.polite, ...said.assertive]).to.not.include('Loading…');
    expect(said.polite).to.not.include(unknown);
  });
});

describe('focus', () => {
  it('stays on Book through a failed booking, and the failure is said at once', async () => {
    await signIn();
    const el = await mount();
    await goToTimes(el, 'hs-stockholm-city', 'ad-examination-30');
    await chooseFirstTime(el);
    const review = await fillContactForm(el);
    button(review, 'Book').focus();
    await setOffline(true);
    try {
      button(review, 'Book').click();
      await waitFor(() => el.shadowRoot!.querySelector('[aria-live="assertive"]')!.textContent!.includes('No connection.'), 'failure said');
    } finally {
      await setOffline(false);
    }
    await waitFor(() => review.shadowRoot!.activeElement === button(review, 'Book'), 'focus on Book');
  });
});
