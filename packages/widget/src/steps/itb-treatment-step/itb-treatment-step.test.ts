import { expect } from '@open-wc/testing';
import {
  catalogLoaded, choose, deepQueryAll, deepText, mount, radio, stepOf,
} from '../../testing/widget.test-support.js';

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

  it('hides campaign treatments until a code is given', async () => {
    const el = await mount();
    await catalogLoaded(el);
    expect(deepQueryAll<HTMLInputElement>(el, 'input[name="treatment"]').map((i) => i.value)).to.not.include('ad-spring-check-45');
  });
});
