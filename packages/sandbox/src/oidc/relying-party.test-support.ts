/**
 * A confidential client of the patient IdP, as the BFF is one: openid-client against the sandbox,
 * signing test persons in through the real test-BankID pages. For the IdP's token and logout suites.
 * @module
 */
import * as oidc from 'openid-client';
import { loginWithTestBankId, type TestCookieJar } from './test-login.js';

export const PATIENT_SCOPE = 'openid wof-profile patient/Patient.read';

export interface RelyingParty {
  readonly config: oidc.Configuration;
  /** Sign `personalNumber` in; pass `cookies` to reuse an IdP session (then no page is shown). */
  signIn(personalNumber: string, cookies?: TestCookieJar): Promise<{ tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers; cookies: TestCookieJar }>;
}

export async function relyingParty(issuer: string, client: { clientId: string; clientSecret: string; redirectUri: string }): Promise<RelyingParty> {
  const config = await oidc.discovery(new URL(issuer), client.clientId, undefined, oidc.ClientSecretBasic(client.clientSecret), { execute: [oidc.allowInsecureRequests] });
  return {
    config,
    async signIn(personalNumber, cookies) {
      const pkceCodeVerifier = oidc.randomPKCECodeVerifier();
      const expectedState = oidc.randomState();
      const expectedNonce = oidc.randomNonce();
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: client.redirectUri,
        scope: PATIENT_SCOPE,
        code_challenge: await oidc.calculatePKCECodeChallenge(pkceCodeVerifier),
        code_challenge_method: 'S256',
        state: expectedState,
        nonce: expectedNonce,
      });
      const login = await loginWithTestBankId(url.href, personalNumber, cookies === undefined ? {} : { cookies });
      const tokens = await oidc.authorizationCodeGrant(config, new URL(login.callbackUrl), { pkceCodeVerifier, expectedState, expectedNonce });
      return { tokens, cookies: login.cookies };
    },
  };
}
