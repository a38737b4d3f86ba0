import { expect } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { LitElement } from 'lit';
import {
  catalogLoaded, choose, deepQuery, deepQueryAll, deepText, mount, radio, stepOf, waitFor,
} from '../../testing/widget.test-support.js';

const clinicRadios = (step: LitElement) => deepQueryAll<HTMLInputElement>(step, 'input[name="clinic"]');

/** A real mouse click in the middle of `element` (the list tells a pointer pick from arrow keys). */
async function clickOn(element: Element): Promise<void> {
  element.scrollIntoView({ block: 'center' });
  const r = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(r.x + r.width / 2), Math.round(r.y + r.height / 2)] });
}

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
    // The list is collapsed to that clinic, which has no radio: its card, a Change button, the link.
    const link = await waitFor(() => el.shadowRoot!.querySelector<HTMLAnchorElement>('.notice a'), 'link out');
    expect(link.href).to.equal('https://boka.example.invalid/fjordvik-hisingen');
    expect(deepQueryAll(el.shadowRoot!, 'button').map((b) => b.textContent!.trim())).to.not.include('Continue');
    const step = await stepOf(el, 'itb-clinic-step');
    expect(deepQueryAll(step, 'input[name="clinic"]')).to.have.length(0);
    expect(deepQuery(step, 'button.change')?.getAttribute('aria-label')).to.equal('Change clinic');
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

  it('collapses to the chosen clinic on a click; Change (keyboard) reopens it with focus on the chosen radio', async () => {
    const el = await mount();
    await catalogLoaded(el);
    const step = await stepOf(el, 'itb-clinic-step');
    const all = clinicRadios(step).length;
    await clickOn(radio(step, 'clinic', 'hs-goteborg-centrum').closest('label')!);
    await waitFor(() => clinicRadios(step).length === 1, 'list collapsed to the chosen clinic');
    const chosen = clinicRadios(step)[0]!;
    expect(chosen.value).to.equal('hs-goteborg-centrum');
    expect(chosen.checked).to.equal(true);
    expect(deepQuery(step, 'input[type="search"]'), 'no search while collapsed').to.equal(undefined);
    // The Change button's name starts with its visible text (WCAG 2.5.3) and says what changes.
    const change = deepQuery<HTMLButtonElement>(step, 'button.change')!;
    expect(change.textContent!.trim()).to.equal('Change');
    expect(change.getAttribute('aria-label')).to.equal('Change clinic');
    await expect(el).to.be.accessible();

    change.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => clinicRadios(step).length === all, 'list open again');
    expect(step.shadowRoot!.activeElement, 'focus on the chosen radio').to.equal(radio(step, 'clinic', 'hs-goteborg-centrum'));
  });

  it('keeps the list open while the arrow keys browse it, and collapses when focus leaves or on Enter', async () => {
    const el = await mount();
    await catalogLoaded(el);
    const step = await stepOf(el, 'itb-clinic-step');
    const all = clinicRadios(step).length;
    clinicRadios(step)[0]!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await step.updateComplete;
    // Arrow keys choose as they move; a screen reader user hears each clinic and the list stays.
    expect(clinicRadios(step).length).to.equal(all);
    const browsed = clinicRadios(step).find((r) => r.checked)!;
    expect(browsed).to.not.equal(undefined);
    await sendKeys({ press: 'Enter' });
    await waitFor(() => clinicRadios(step).length === 1, 'collapsed on Enter');
    expect(step.shadowRoot!.activeElement, 'focus kept on the chosen radio').to.equal(clinicRadios(step)[0]);
    expect(clinicRadios(step)[0]!.value).to.equal(browsed.value);

    deepQuery<HTMLButtonElement>(step, 'button.change')!.click();
    await waitFor(() => clinicRadios(step).length === all, 'reopened');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Tab' });
    await waitFor(() => clinicRadios(step).length === 1, 'collapsed when focus left the list');
    expect(step.shadowRoot!.activeElement, 'focus went on, not back into the list').to.equal(null);
  });

  it('marks clinic names with the clinic\'s language, Swedish or Norwegian, on an English page', async () => {
    const el = await mount({ locale: 'en' });
    await catalogLoaded(el);
    const step = await stepOf(el, 'itb-clinic-step');
    const nameOf = (id: string) => radio(step, 'clinic', id).closest('label')!.querySelector('.name [lang]')!;
    expect(nameOf('hs-stockholm-city').getAttribute('lang')).to.equal('sv');
    expect(nameOf('hs-oslo-sentrum').getAttribute('lang')).to.equal('nb');
  });
});
