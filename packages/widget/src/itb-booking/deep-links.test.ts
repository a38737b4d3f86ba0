import { expect } from '@open-wc/testing';
import { mountMode, withPageParams } from '../embed/embed.test-support.js';
import { catalogLoaded, deepQuery, deepText, snapshotOf, waitFor } from '../testing/widget.test-support.js';
import type { ItbBooking } from './itb-booking.js';

const checked = (el: ItbBooking, name: string) => deepQuery<HTMLInputElement>(el, `input[name="${name}"]:checked`)?.value;

describe('deep links', () => {
  it('preselects from itb-clinic and itb-treatment on the page address, without a history entry', async () => {
    const pushState = history.pushState;
    let pushes = 0;
    history.pushState = function (this: History, ...args: Parameters<History['pushState']>) { pushes += 1; pushState.apply(this, args); };
    try {
      await withPageParams({ 'itb-clinic': 'stockholm-city', 'itb-treatment': 'hyg45' }, async () => {
        const length = history.length;
        const el = await mountMode(undefined);
        await waitFor(() => checked(el, 'treatment') === 'ad-hygiene-45', 'treatment from the link');
        expect(checked(el, 'clinic')).to.equal('hs-stockholm-city');
        expect([pushes, history.length]).to.deep.equal([0, length]);
        expect(location.search).to.contain('itb-clinic=stockholm-city');
      });
    } finally {
      history.pushState = pushState;
    }
  });

  it('lets the element\'s attributes win over the link, key by key', async () => {
    await withPageParams({ 'itb-clinic': 'stockholm-city', 'itb-treatment': 'ad-examination-30' }, async () => {
      const el = await mountMode('popup', { clinic: 'hs-oslo-sentrum' });
      await waitFor(() => checked(el, 'treatment') === 'ad-examination-30', 'treatment from the link');
      expect(checked(el, 'clinic')).to.equal('hs-oslo-sentrum');
    });
  });

  it('applies itb-campaign, under a campaign attribute and over ?campaign=', async () => {
    await withPageParams({ 'itb-campaign': 'SPRING26', campaign: 'WINTER25' }, async () => {
      const linked = await mountMode(undefined);
      linked.campaignFromUrl = true;
      await waitFor(() => deepText(linked).includes('Campaign code SPRING26 applied.'), 'campaign from the link');
      linked.remove();
    });
    await withPageParams({ 'itb-campaign': 'WINTER25' }, async () => {
      const el = await mountMode(undefined, { campaign: 'SPRING26' });
      await waitFor(() => snapshotOf(el).campaign?.code === 'SPRING26', 'the attribute\'s campaign');
    });
  });

  it('names a linked value that matches nothing, as it would an attribute, and still offers the clinics', async () => {
    await withPageParams({ 'itb-treatment': 'no-such-treatment' }, async () => {
      const el = await mountMode(undefined);
      await catalogLoaded(el);
      await waitFor(() => deepText(el).includes('No treatment called "no-such-treatment" was found.'), 'message');
      expect(deepQuery(el, 'input[name="clinic"]')).to.not.equal(undefined);
    });
  });
});
