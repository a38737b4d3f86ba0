import { expect } from '@open-wc/testing';
import { catalogLoaded, deepQuery, deepText, mount, waitFor } from '../testing/widget.test-support.js';
import { da } from './da.js';
import { fi } from './fi.js';

describe('the first screen in Danish and Finnish', () => {
  it('speaks Danish on a page with <html lang="da-DK"> and no locale attribute', async () => {
    document.documentElement.lang = 'da-DK';
    try {
      const el = await mount({ locale: '' });
      el.removeAttribute('locale');
      await catalogLoaded(el);
      await waitFor(() => deepText(el).includes(da.select.heading), 'Danish heading');
      const text = deepText(el);
      expect(text).to.contain(da.clinic.heading);
      expect(text).to.contain(da.common.continue);
      expect(deepQuery(el, '[part="base"]')!.getAttribute('lang')).to.equal('da');
      expect(deepQuery(el, '[part="base"]')!.getAttribute('aria-label')).to.equal(da.common.widgetLabel);
      await expect(el).to.be.accessible();
    } finally {
      document.documentElement.lang = 'en';
    }
  });

  it('speaks Finnish when locale="fi", whatever the page says', async () => {
    document.documentElement.lang = 'sv';
    try {
      const el = await mount({ locale: 'fi' });
      await catalogLoaded(el);
      await waitFor(() => deepText(el).includes(fi.select.heading), 'Finnish heading');
      const text = deepText(el);
      expect(text).to.contain(fi.clinic.heading);
      expect(text).to.contain(fi.common.continue);
      expect(text).to.not.contain('Välj klinik och behandling');
      expect(deepQuery(el, '[part="base"]')!.getAttribute('lang')).to.equal('fi');
      await expect(el).to.be.accessible();
    } finally {
      document.documentElement.lang = 'en';
    }
  });
});
