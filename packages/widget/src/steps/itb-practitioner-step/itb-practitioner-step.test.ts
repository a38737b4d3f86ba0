import { expect } from '@open-wc/testing';
import {
  button, catalogLoaded, choose, deepQueryAll, deepText, mount, radio, stepOf, waitFor,
} from '../../testing/widget.test-support.js';

describe('itb-practitioner-step', () => {
  it('offers "any practitioner" first and each practitioner with role and description', async () => {
    const el = await mount({ clinic: 'hs-stockholm-city', treatment: 'ad-whitening-60' });
    await catalogLoaded(el);
    await waitFor(() => deepQueryAll(el, 'input[name="treatment"]:checked').length === 1, 'preselected');
    button(el, 'Continue').click();
    const step = await stepOf(el, 'itb-practitioner-step');
    const values = deepQueryAll<HTMLInputElement>(step, 'input[name="practitioner"]').map((i) => i.value);
    expect(values[0]).to.equal('');
    expect(values).to.include('pr-elin-holm-sto');
    expect(values).to.include('pr-anna-berg-sto');
    expect(values).to.not.include('pr-johan-ek-sto');
    expect(radio(step, 'practitioner', '').checked).to.equal(true);
    expect(deepText(step)).to.contain('Elin Holm');
    expect(deepText(step)).to.contain('Tandhygienist');
    await expect(el).to.be.accessible();
  });

  it('is skipped when one practitioner offers the treatment: straight to their times', async () => {
    const el = await mount({ clinic: 'hs-bergen-sentrum', treatment: 'ad-examination-30' });
    await catalogLoaded(el);
    await waitFor(() => deepQueryAll(el, 'input[name="treatment"]:checked').length === 1, 'preselected');
    button(el, 'Continue').click();
    const time = await stepOf(el, 'itb-time-step');
    expect(el.shadowRoot!.querySelector('itb-practitioner-step')).to.equal(null);
    expect(deepText(time)).to.contain('Sindre Nygaard');
  });

  it('goes straight to the times when the practitioner attribute preselects one', async () => {
    const el = await mount({ clinic: 'hs-stockholm-city', treatment: 'ad-hygiene-45', practitioner: 'pr-elin-holm-sto' });
    await catalogLoaded(el);
    await waitFor(() => deepQueryAll(el, 'input[name="treatment"]:checked').length === 1, 'preselected');
    button(el, 'Continue').click();
    const time = await stepOf(el, 'itb-time-step');
    expect(deepText(time)).to.contain('Elin Holm');
  });

  it('Back returns to clinic and treatment with the choices kept', async () => {
    const el = await mount();
    await catalogLoaded(el);
    choose(el, 'clinic', 'hs-stockholm-sodermalm');
    await el.updateComplete;
    await waitFor(() => deepQueryAll<HTMLInputElement>(el, 'input[name="treatment"]').some((i) => i.value === 'ad-examination-30'), 'treatments');
    choose(el, 'treatment', 'ad-examination-30');
    await el.updateComplete;
    button(el, 'Continue').click();
    await stepOf(el, 'itb-practitioner-step');
    button(el, 'Back').click();
    await catalogLoaded(el);
    expect(radio(el, 'clinic', 'hs-stockholm-sodermalm').checked).to.equal(true);
    expect(radio(el, 'treatment', 'ad-examination-30').checked).to.equal(true);
  });
});
