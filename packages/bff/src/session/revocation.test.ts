import { describe, expect, it } from 'vitest';
import { createMemoryRevocationList } from './revocation.js';

describe('the in-memory revocation list', () => {
  const at = 1_800_000_000;
  const ref = { id: 'session-a', sid: 'idp-session-1', sub: 'subject-1', issuedAt: at - 100 };

  it('refuses a revoked session id until its own expiry, and nothing else', async () => {
    let now = at;
    const list = createMemoryRevocationList(() => now);
    await list.revokeSession('session-a', at + 60);
    expect(await list.isRevoked(ref)).toBe(true);
    expect(await list.isRevoked({ ...ref, id: 'session-b' })).toBe(false);
    now = at + 61;
    expect(await list.isRevoked(ref)).toBe(false);
  });

  it('refuses every session of an ended IdP session', async () => {
    const list = createMemoryRevocationList(() => at);
    await list.revokeIdpSession('idp-session-1', at + 60);
    expect(await list.isRevoked({ ...ref, id: 'any' })).toBe(true);
    expect(await list.isRevoked({ ...ref, sid: 'idp-session-2' })).toBe(false);
    expect(await list.isRevoked({ id: 'no-idp-names', issuedAt: at })).toBe(false);
  });

  it('refuses the sessions of a subject issued up to the revocation, not the ones after it', async () => {
    const list = createMemoryRevocationList(() => at);
    await list.revokeSubject('subject-1', at, at + 60);
    expect(await list.isRevoked({ ...ref, sid: undefined })).toBe(true);
    expect(await list.isRevoked({ ...ref, sid: undefined, issuedAt: at + 1 })).toBe(false);
    // A later revocation of the same subject moves the line forward, an earlier one does not move it back.
    await list.revokeSubject('subject-1', at + 5, at + 60);
    await list.revokeSubject('subject-1', at - 500, at + 60);
    expect(await list.isRevoked({ ...ref, sid: undefined, issuedAt: at + 5 })).toBe(true);
  });
});
