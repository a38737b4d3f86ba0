import { expect } from '@open-wc/testing';
import {
  button, deepQueryAll, deepText, findRequests, goToTimes, mount, resetSandbox, setSandboxNow, stepOf, timeButtons, waitFor, weeksAhead,
} from '../../testing/widget.test-support.js';

describe('itb-time-step', () => {
  before(async () => {
    await resetSandbox();
  });

  it('"any practitioner" makes one request for a week and shows unique times with who is free', async () => {
    const el = await mount();
    await goToTimes(el, 'hs-stockholm-city', 'ad-hygiene-45');
    await timeButtons(el);
    // This week may be over (a Friday evening, say), and an empty week also looks ahead. Next week
    // lies wholly inside the sandbox's 30-day horizon and every working day there has free times.
    const since = performance.now();
    await weeksAhead(el, 1);
    const times = await timeButtons(el);
    expect(times.length).to.be.greaterThan(0);
    const finds = findRequests(since);
    expect(finds).to.have.length(1);
    const find = new URL(finds[0]!.name);
    expect(find.searchParams.get('practitionerRole')).to.equal(null);
    expect(find.searchParams.get('healthcareService')).to.equal('HealthcareService/hs-stockholm-city');
    expect(times[0]!.textContent!.replace(/\s+/g, ' ').trim()).to.match(/^\d{2}:\d{2} with /);
    const step = await stepOf(el, 'itb-time-step');
    for (const day of deepQueryAll(step, 'section.day')) {
      const labels = deepQueryAll(day, 'button[part="time-button"]').map((b) => b.querySelector('.clock')!.textContent);
      expect(new Set(labels).size, 'unique times per day').to.equal(labels.length);
    }
    expect(deepText(step)).to.contain("Times are shown in the clinic's local time (Europe/Stockholm).");
    await expect(el).to.be.accessible();
  });

  it('one practitioner: asks for that practitioner only', async () => {
    const el = await mount();
    const since = performance.now();
    await goToTimes(el, 'hs-stockholm-city', 'ad-hygiene-45', 'pr-elin-holm-sto');
    await timeButtons(el);
    const find = new URL(findRequests(since)[0]!.name);
    expect(find.searchParams.get('practitionerRole')).to.equal('PractitionerRole/pr-elin-holm-sto');
  });

  it('moves week by week and cannot go before the current week', async () => {
    const el = await mount();
    await goToTimes(el, 'hs-stockholm-city', 'ad-hygiene-45');
    await timeButtons(el);
    const step = await stepOf(el, 'itb-time-step');
    const label = () => deepQueryAll(step, '.week-label')[0]!.textContent;
    const previous = button(step, 'Previous week');
    expect(previous.disabled).to.equal(true);
    const thisWeek = label();
    button(step, 'Next week').click();
    await waitFor(() => label() !== thisWeek, 'week changed');
    await timeButtons(el);
    expect(button(step, 'Previous week').disabled).to.equal(false);
  });

  it('when this week is empty, the next free time is one click away', async () => {
    // The sandbox's clock runs 15 days ahead, so its 30-day slot horizon starts after this week.
    await setSandboxNow(new Date(Date.now() + 15 * 86_400_000).toISOString());
    try {
      const el = await mount();
      await goToTimes(el, 'hs-stockholm-city', 'ad-hygiene-45');
      expect(await timeButtons(el)).to.have.length(0);
      const step = await stepOf(el, 'itb-time-step');
      const text = deepText(step);
      expect(text).to.contain('No free times this week.');
      expect(text).to.match(/The next free time is \w+day,? \d+ \w+ \d{4}/);
      button(step, 'Show that week').click();
      await waitFor(() => deepQueryAll(step, 'button[part="time-button"]').length > 0, 'times of that week');
      await expect(el).to.be.accessible();
    } finally {
      await resetSandbox();
    }
  });
});
