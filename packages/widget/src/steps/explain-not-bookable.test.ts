import { expect } from '@open-wc/testing';
import { html, nothing, render } from 'lit';
import { catalogLoaded, deepQueryAll, mount, waitFor } from '../testing/widget.test-support.js';
import { en } from '../locales/en.js';
import { nb } from '../locales/nb.js';
import { sv } from '../locales/sv.js';
import { explainNotBookable, notBookableNote } from './explain-not-bookable.js';
import { CLINIC, provide, snapshot } from './itb-clinic-contact/snapshot-host.test-support.js';

describe('explainNotBookable', () => {
  it('says nothing for a bookable offer and keeps the clinic\'s own offline reason', () => {
    expect(explainNotBookable(en.treatment, { bookable: true })).to.equal(undefined);
    expect(explainNotBookable(sv.practitioner, { bookable: false, reason: 'offer-offline', text: 'Journalen är nere.' }))
      .to.equal('Kan inte bokas online just nu: Journalen är nere.');
  });

  it('tells the patient in sv, nb and en that an unresolved treatment cannot be booked here', () => {
    const unresolved = { bookable: false, reason: 'treatment-unresolved' } as const;
    expect(explainNotBookable(sv.treatment, unresolved)).to.equal('Kan inte bokas online här. Kontakta kliniken.');
    expect(explainNotBookable(nb.treatment, unresolved)).to.equal('Kan ikke bestilles på nett her. Ta kontakt med klinikken.');
    expect(explainNotBookable(en.practitioner, unresolved)).to.equal('Cannot be booked online here. Please contact the clinic.');
  });
});

describe('notBookableNote', () => {
  it('follows the sentence with the chosen clinic\'s phone, and says nothing for a bookable offer', async () => {
    expect(notBookableNote(en.treatment, { bookable: true }, CLINIC)).to.equal(nothing);
    const host = await provide(snapshot({}), html`<p class="note">${notBookableNote(en.treatment, { bookable: false, reason: 'treatment-unresolved' }, CLINIC)}</p>`, 'p');
    expect(host.textContent).to.contain('Cannot be booked online here. Please contact the clinic.');
    const contact = host.querySelector('itb-clinic-contact')!;
    const link = await waitFor(() => contact.shadowRoot?.querySelector('a'), 'contact link');
    expect(link.getAttribute('href')).to.equal('tel:+46855500011');
    const without = document.createElement('p');
    render(notBookableNote(en.treatment, { bookable: false, reason: 'treatment-unresolved' }, undefined), without);
    expect(without.querySelector('itb-clinic-contact')).to.equal(null);
  });
});

describe('a treatment the chosen clinic cannot book online', () => {
  it('shows the clinic\'s own reason and its phone as a tel: link on the card', async () => {
    // In Bergen only Silje Moen gives hygienist visits, and her records system is offline.
    const el = await mount({ clinic: 'hs-bergen-sentrum' });
    await catalogLoaded(el);
    const input = await waitFor(() => deepQueryAll<HTMLInputElement>(el, 'input[name="treatment"]').find((i) => i.value === 'ad-hygiene-45'), 'hygiene card');
    const card = input.closest('label')!;
    expect(input.disabled).to.equal(true);
    expect(card.textContent).to.contain('Not bookable online right now: Journalsystemet er midlertidig utilgjengelig (vedlikehold).');
    const link = await waitFor(() => card.querySelector('itb-clinic-contact')?.shadowRoot?.querySelector('a'), 'contact link');
    expect(link.getAttribute('href')).to.equal('tel:+4755123407');
    await expect(el).to.be.accessible();
  });
});
