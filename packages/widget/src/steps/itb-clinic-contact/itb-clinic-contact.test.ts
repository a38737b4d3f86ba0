import { weekWindow } from '@itb/shared';
import { expect } from '@open-wc/testing';
import { html, type LitElement } from 'lit';
import '../itb-time-step/itb-time-step.js';
import { waitFor } from '../../testing/widget.test-support.js';
import type { ItbClinicContact } from './itb-clinic-contact.js';
import './itb-clinic-contact.js';
import { CLINIC, catalogWith, provide, snapshot } from './snapshot-host.test-support.js';

async function contactFor(clinic: typeof CLINIC): Promise<ItbClinicContact> {
  return provide<ItbClinicContact>(snapshot({}), html`<itb-clinic-contact .clinic=${clinic}></itb-clinic-contact>`, 'itb-clinic-contact');
}

const link = (el: ItbClinicContact) => waitFor(() => el.shadowRoot!.querySelector('a'), 'contact link');

describe('itb-clinic-contact', () => {
  it('offers the clinic\'s phone as a tel: link with a 44 px tap target', async () => {
    const el = await contactFor(CLINIC);
    const a = await link(el);
    expect(a.getAttribute('href')).to.equal('tel:+46855500011');
    expect(a.textContent).to.equal('+46 8 555 000 11');
    expect(el.shadowRoot!.textContent).to.contain('Call the clinic:');
    const box = a.getBoundingClientRect();
    expect(box.height).to.be.at.least(44);
    expect(box.width).to.be.at.least(44);
    await expect(el).to.be.accessible();
  });

  it('falls back to the e-mail address, then to the web site in a new tab', async () => {
    const { phone: _phone, ...noPhone } = CLINIC;
    const mail = await link(await contactFor({ ...noPhone, email: 'test@fjordvik.example' }));
    expect(mail.getAttribute('href')).to.equal('mailto:test@fjordvik.example');
    const web = await link(await contactFor({ ...noPhone, website: 'https://fjordvik.example/kontakt' }));
    expect(web.getAttribute('href')).to.equal('https://fjordvik.example/kontakt');
    expect(web.target).to.equal('_blank');
    expect(web.rel).to.equal('noopener');
    expect(web.textContent).to.contain('(opens in a new tab)');
  });

  it('shows nothing when the clinic gives no safe way to reach it', async () => {
    const { phone: _phone, ...noPhone } = CLINIC;
    const el = await contactFor({ ...noPhone, email: 'nope', website: 'javascript:alert(1)' });
    expect(el.shadowRoot!.querySelector('a')).to.equal(null);
    expect(el.shadowRoot!.textContent!.trim()).to.equal('');
  });
});

describe('the time step with no free times in the coming weeks', () => {
  it('says to contact the clinic and gives its phone', async () => {
    const step = await provide<LitElement>(snapshot({
      step: 'time', catalog: catalogWith(CLINIC), clinicId: CLINIC.id, treatmentId: 'ad-test',
      times: { status: 'ready', items: [], gaps: [], nextFree: null, window: weekWindow(new Date(), CLINIC.timeZone) },
    }), html`<itb-time-step></itb-time-step>`, 'itb-time-step');
    const notice = await waitFor(() => step.shadowRoot!.querySelector('.notice'), 'empty-week notice');
    expect(notice.textContent).to.contain('Please contact the clinic.');
    const call = await waitFor(() => notice.querySelector('itb-clinic-contact')?.shadowRoot?.querySelector('a'), 'contact link');
    expect(call.getAttribute('href')).to.equal('tel:+46855500011');
  });
});
