import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LitElement } from 'lit';
import {
  button, catalogLoaded, choose, deepQuery, deepQueryAll, deepText, findRequests, goToTimes, mount, radio, stepOf, timeButtons, waitFor,
} from '../../testing/widget.test-support.js';

// In the live dialect both treatments are missing from the offers context, so their offers must name
// them: the implant consultation's Swedish offer does through its $find link, the bridge
// consultation's only offer (at Oslo Sentrum) does not at all.
const IMPLANT = 'ad-implant-consult-30';
const BRIDGE = 'ad-bridge-consult-30';

function treatmentRadio(step: LitElement, id: string): Promise<HTMLInputElement> {
  return waitFor(() => deepQueryAll<HTMLInputElement>(step, 'input[name="treatment"]').find((i) => i.value === id), `${id} listed`);
}

describe('itb-treatment-step', () => {
  it('shows title, duration, price and description', async () => {
    const el = await mount({ clinic: 'hs-stockholm-city' });
    await catalogLoaded(el);
    const step = await stepOf(el, 'itb-treatment-step');
    const text = deepText(step);
    expect(text).to.contain('Tandhygienistbesök');
    expect(text).to.match(/Duration\s*:\s*\d+ min/);
    expect(text).to.match(/Price\s*:\s*.*kr/);
  });

  it('filters the clinics when the treatment is chosen first', async () => {
    const el = await mount();
    await catalogLoaded(el);
    const before = deepQueryAll(el, 'input[name="clinic"]').length;
    choose(el, 'treatment', 'ad-invisalign-30');
    await el.updateComplete;
    const clinics = await stepOf(el, 'itb-clinic-step');
    await clinics.updateComplete;
    const values = deepQueryAll<HTMLInputElement>(clinics, 'input[name="clinic"]').map((i) => i.value);
    expect(values.length).to.be.lessThan(before);
    expect(values).to.include('hs-stockholm-city');
    expect(values).to.not.include('hs-goteborg-centrum');
  });

  it('shows the offline reason and does not let an offline offer be chosen', async () => {
    const el = await mount({ clinic: 'hs-bergen-sentrum' });
    await catalogLoaded(el);
    const step = await stepOf(el, 'itb-treatment-step');
    const hygiene = radio(step, 'treatment', 'ad-hygiene-45');
    expect(hygiene.disabled).to.equal(true);
    expect(deepText(step)).to.contain('Not bookable online right now: Journalsystemet er midlertidig utilgjengelig');
    await expect(el).to.be.accessible();
  });

  it('lets "Implantatkonsultation" be chosen at Stockholm City, whose offer names it by its $find link, and lists times for it', async () => {
    const el = await mount();
    const since = performance.now();
    await catalogLoaded(el);
    choose(el, 'clinic', 'hs-stockholm-city');
    const step = await stepOf(el, 'itb-treatment-step');
    const implant = await treatmentRadio(step, IMPLANT);
    expect(implant.disabled).to.equal(false);
    expect(implant.closest('label')!.textContent).to.contain('Implantatkonsultation');
    await goToTimes(el, 'hs-stockholm-city', IMPLANT);
    let times = await timeButtons(el);
    if (times.length === 0) {
      button(el, 'Show that week').click();
      times = await timeButtons(el);
    }
    expect(times.length).to.be.greaterThan(0);
    const visitTypes = findRequests(since).map((e) => new URL(e.name).searchParams.get('visit-type'));
    expect(visitTypes.length).to.be.greaterThan(0);
    for (const visitType of visitTypes) expect(visitType).to.match(/^\S+\|implantat$/);
  });

  it('shows "Brokonsultation" at Oslo Sentrum, whose offer names no treatment, as not choosable and says why in the widget\'s locale', async () => {
    const el = await mount({ clinic: 'hs-oslo-sentrum', locale: 'nb' });
    await catalogLoaded(el);
    const step = await stepOf(el, 'itb-treatment-step');
    const bridge = await treatmentRadio(step, BRIDGE);
    expect(bridge.disabled).to.equal(true);
    const card = bridge.closest('label')!.textContent!;
    expect(card).to.contain('Brokonsultation');
    expect(card).to.contain('Kan ikke bestilles på nett her. Ta kontakt med klinikken.');
  });

  it('passes axe with a treatment card that cannot be chosen', async () => {
    const el = await mount({ clinic: 'hs-oslo-sentrum' });
    await catalogLoaded(el);
    const bridge = await treatmentRadio(await stepOf(el, 'itb-treatment-step'), BRIDGE);
    expect(bridge.disabled).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('hides campaign treatments until a code is given', async () => {
    const el = await mount();
    await catalogLoaded(el);
    expect(deepQueryAll<HTMLInputElement>(el, 'input[name="treatment"]').map((i) => i.value)).to.not.include('ad-spring-check-45');
  });

  it('collapses to the chosen treatment on Space, shows its description there, and Change (keyboard) reopens the list with focus on it', async () => {
    const el = await mount({ clinic: 'hs-stockholm-city' });
    await catalogLoaded(el);
    const step = await stepOf(el, 'itb-treatment-step');
    const radios = () => deepQueryAll<HTMLInputElement>(step, 'input[name="treatment"]');
    const all = (await treatmentRadio(step, 'ad-examination-30')) && radios().length;
    expect(all).to.be.greaterThan(1);
    radio(step, 'treatment', 'ad-examination-30').focus();
    await sendKeys({ press: 'Space' });
    await waitFor(() => radios().length === 1, 'collapsed to the chosen treatment');
    expect(radios()[0]!.value).to.equal('ad-examination-30');
    expect(step.shadowRoot!.activeElement, 'focus stays on the chosen radio').to.equal(radios()[0]);
    expect(deepQuery(step, '.chosen .description')?.textContent).to.contain('tandkött');
    await expect(el).to.be.accessible();

    const change = deepQuery<HTMLButtonElement>(step, 'button.change')!;
    expect(change.getAttribute('aria-label')).to.equal('Change treatment');
    change.focus();
    await sendKeys({ press: 'Space' });
    await waitFor(() => radios().length === all, 'list open again');
    expect(step.shadowRoot!.activeElement, 'focus on the chosen radio').to.equal(radio(step, 'treatment', 'ad-examination-30'));
    expect(radio(step, 'treatment', 'ad-examination-30').checked).to.equal(true);
  });

  it('marks treatment titles with the catalog\'s language', async () => {
    const el = await mount({ locale: 'en' });
    await catalogLoaded(el);
    const step = await stepOf(el, 'itb-treatment-step');
    const title = (await treatmentRadio(step, 'ad-examination-30')).closest('label')!.querySelector('.title')!;
    expect(title.getAttribute('lang')).to.equal('sv');
  });
});
