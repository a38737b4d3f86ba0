// The cross-site hand-off path end to end needs the BFF on another site than the page, which this
// runner (the BFF served same-origin) cannot give: the BFF's Chromium test proves that journey;
// here the widget's own parts are checked in the browser.
import { expect } from '@open-wc/testing';
import { createLoginClaim, takeHandoffFromLocation } from './login-claim.js';

describe('login claim', () => {
  it('is 256 random bits in base64url with the base64url SHA-256 beside it', async () => {
    const { claim, claimHash } = await createLoginClaim();
    expect(claim).to.match(/^[\w-]{43}$/);
    expect(claimHash).to.match(/^[\w-]{43}$/);
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(claim)));
    const expected = btoa(String.fromCharCode(...digest)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(claimHash).to.equal(expected);
    expect((await createLoginClaim()).claim).not.to.equal(claim);
  });

  it('takes the hand-off off the address bar and keeps the page\'s own fragment', () => {
    const before = window.location.href;
    try {
      history.replaceState(null, '', `${window.location.pathname}${window.location.search}#step&itb-handoff=abc.def..ghi`);
      expect(takeHandoffFromLocation()).to.equal('abc.def..ghi');
      expect(window.location.hash).to.equal('#step');
      expect(takeHandoffFromLocation()).to.equal(undefined);
      history.replaceState(null, '', `${window.location.pathname}${window.location.search}#itb-handoff=xyz`);
      expect(takeHandoffFromLocation()).to.equal('xyz');
      expect(window.location.href.includes('#')).to.equal(false);
    } finally {
      history.replaceState(null, '', before);
    }
  });
});
