import { expect } from '@open-wc/testing';
import {
  catalogLoaded, choose, deepQuery, deepQueryAll, deepText, mount, stepOf, waitFor,
} from '../../testing/widget.test-support.js';

describe('itb-clinic-step', () => {
  it('lists the clinics with name, address and area from the BFF', async () => {
    const el = await mount();
    await catalogLoaded(el);
    const step = await stepOf(el, 'itb-clinic-step');
    const text = deepText(step);
    expect(text).to.contain('Fjordvik Tandvård Stockholm City');
    expect(text).to.contain('Drottninggatan 45');
    expect(text).to.contain('Stockholm');
    expect(deepQueryAll(step, 'input[name="clinic"]').length).to.be.greaterThan(3);
  });

  it('never lists an inactive clinic, nor finds it by search or by one of its treatments', async () => {
    const el = await mount();
    await catalogLoaded(el);
    const step = await stepOf(el, 'itb-clinic-step');
    const clinicValues = () => deepQueryAll<HTMLInputElement>(step, 'input[name="clinic"]').map((i) => i.value);
    expect(clinicValues()).to.not.include('hs-uppsala-closed');
    expect(deepText(step)).to.not.contain('Uppsala');
    const search = deepQuery<HTMLInputElement>(step, 'input[type="search"]')!;
    search.value = 'uppsala';
    search.dispatchEvent(new Event('input'));
    await step.updateComplete;
    expect(deepText(step)).to.contain('No clinic matches your search.');
    search.value = '';
    search.dispatchEvent(new Event('input'));
    // Its practitioner offers this treatment there, so only leaving out its offers keeps it off the narrowed list.
    choose(el, 'treatment', 'ad-examination-30');
    await el.updateComplete;
    await step.updateComplete;
    expect(clinicValues()).to.include('hs-stockholm-city');
    expect(clinicValues()).to.not.include('hs-uppsala-closed');
  });

  it('shows a link out instead of a choice for a clinic with external booking', async () => {
    const el = await mount();
    await catalogLoaded(el);
    const step = await stepOf(el, 'itb-clinic-step');
    const values = deepQueryAll<HTMLInputElement>(step, 'input[name="clinic"]').map((i) => i.value);
    expect(values).to.not.include('hs-goteborg-hisingen');
    const link = deepQuery<HTMLAnchorElement>(step, 'a[href="https://boka.example.invalid/fjordvik-hisingen"]');
    expect(link?.textContent).to.contain('Book at Fjordvik Tandvård Hisingen');
    expect(link?.rel).to.contain('noopener');
  });

  it('a CMS page preselecting an external-booking clinic gets the link out and no way to times', async () => {
    const el = await mount({ clinic: 'hisingen' });
    await catalogLoaded(el);
    const link = await waitFor(() => el.shadowRoot!.querySelector<HTMLAnchorElement>('.notice a'), 'link out');
    expect(link.href).to.equal('https://boka.example.invalid/fjordvik-hisingen');
    expect(deepQueryAll(el.shadowRoot!, 'button').map((b) => b.textContent!.trim())).to.not.include('Continue');
  });

  it('filters the treatments when a clinic is chosen', async () => {
    const el = await mount();
    await catalogLoaded(el);
    const all = deepQueryAll<HTMLInputElement>(el, 'input[name="treatment"]').map((i) => i.value);
    choose(el, 'clinic', 'hs-goteborg-centrum');
    await el.updateComplete;
    const treatments = await stepOf(el, 'itb-treatment-step');
    await treatments.updateComplete;
    const atClinic = deepQueryAll<HTMLInputElement>(treatments, 'input[name="treatment"]').map((i) => i.value);
    expect(atClinic.length).to.be.lessThan(all.length);
    expect(atClinic).to.include('ad-root-canal-90');
    expect(atClinic).to.not.include('ad-invisalign-30');
  });

  it('searches by city or area when there are many clinics', async () => {
    const el = await mount();
    await catalogLoaded(el);
    const step = await stepOf(el, 'itb-clinic-step');
    const search = deepQuery<HTMLInputElement>(step, 'input[type="search"]');
    expect(search, 'search shown').to.not.equal(undefined);
    expect(deepQuery<HTMLLabelElement>(step, 'label[for="search"]')?.textContent).to.contain('Search clinics');
    search!.value = 'oslo';
    search!.dispatchEvent(new Event('input'));
    await step.updateComplete;
    const names = deepQueryAll(step, '.name').map((n) => n.textContent ?? '');
    expect(names.length).to.be.greaterThan(0);
    for (const name of names) expect(name).to.match(/Oslo|Majorstuen/);
  });

  it('is keyboard operable: the clinic radios are native and reachable', async () => {
    const el = await mount();
    await catalogLoaded(el);
    const first = deepQuery<HTMLInputElement>(el, 'input[name="clinic"]')!;
    first.focus();
    expect(first.matches(':focus')).to.equal(true);
    expect(first.closest('label')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });
});
