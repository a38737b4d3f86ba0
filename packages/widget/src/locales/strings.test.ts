import { expect, fixture, html } from '@open-wc/testing';
import type { ItbBooking } from '../itb-booking/itb-booking.js';
import { BFF, button, catalogLoaded, deepQuery, deepText, mount, waitFor, waitForButton } from '../testing/widget.test-support.js';
import { en } from './en.js';
import { fi } from './fi.js';
import type { ItbStrings } from './strings.js';

describe('the strings property', () => {
  it('shows the page\'s wording in the language in use at once, and the shipped text for everything else', async () => {
    const el = await mount();
    await catalogLoaded(el);
    el.strings = { en: { common: { continue: 'Go on' }, select: { heading: 'Book a visit' } }, sv: { common: { continue: 'Gå vidare' } } };
    await waitForButton(el, 'Go on');
    const text = deepText(el);
    expect(text).to.contain('Book a visit');
    expect(text).not.to.contain(en.select.heading);
    expect(text).to.contain(en.clinic.heading);
    expect(text).not.to.contain('Gå vidare');
    el.strings = undefined;
    await waitForButton(el, en.common.continue);
    await expect(el).to.be.accessible();
  });

  it('applies to a language fetched later, on demand', async () => {
    const el = await mount({ locale: 'en' });
    el.strings = { fi: { common: { continue: 'Jatka eteenpäin' } } };
    await catalogLoaded(el);
    expect(button(el, en.common.continue)).to.not.equal(undefined);
    el.locale = 'fi';
    await waitForButton(el, 'Jatka eteenpäin');
    expect(deepText(el)).to.contain(fi.select.heading);
  });

  it('words what the widget says on its own too: messages, functions and live announcements', async () => {
    const strings: ItbStrings = {
      en: {
        config: { unknownClinic: (key) => `We have no clinic "${key}".` },
        campaign: { applied: (code) => `Offer ${code} is on.` },
      },
    };
    // A fresh page: no journey from an earlier test's history entry to restore.
    history.replaceState(null, '');
    const el = await fixture<ItbBooking>(html`<itb-booking bff=${BFF} locale="en" clinic="atlantis" campaign="SPRING26" .strings=${strings}></itb-booking>`);
    await catalogLoaded(el);
    await waitFor(() => deepText(el).includes('Offer SPRING26 is on.'), 'campaign message');
    expect(deepText(el)).to.contain('We have no clinic "atlantis".');
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain('Offer SPRING26 is on.');
    expect(deepQuery(el, 'itb-campaign-field')).to.not.equal(undefined);
  });

  it('is typed: a misspelt key, the language code, a text for a function or an unknown locale do not compile', () => {
    const ok: ItbStrings = { sv: { common: { continue: 'Gå vidare' } }, da: { reasons: { network: 'Ingen forbindelse.' } } };
    // @ts-expect-error no such key
    const misspelt: ItbStrings = { en: { common: { contine: 'Go on' } } };
    // @ts-expect-error the language is chosen by `locale`, not overridden
    const code: ItbStrings = { en: { code: 'sv' } };
    // @ts-expect-error a plural is a function
    const plural: ItbStrings = { en: { clinic: { count: '3 clinics' } } };
    // @ts-expect-error the widget speaks no German
    const locale: ItbStrings = { de: { common: { continue: 'Weiter' } } };
    expect([ok, misspelt, code, plural, locale]).to.have.length(5);
  });
});
