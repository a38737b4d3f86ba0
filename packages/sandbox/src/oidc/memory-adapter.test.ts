import { describe, expect, it } from 'vitest';
import { createMemoryAdapterFactory } from './memory-adapter.js';

describe('createMemoryAdapterFactory', () => {
  it('expires entries by the injected clock and keeps stores apart', async () => {
    let now = 1_000_000;
    const factory = createMemoryAdapterFactory(() => now);
    const tokens = factory('AccessToken');
    await tokens.upsert('a', { accountId: 'x', grantId: 'g' }, 60);
    expect(await tokens.find('a')).toMatchObject({ accountId: 'x' });
    expect(await createMemoryAdapterFactory(() => now)('AccessToken').find('a')).toBeUndefined();
    expect(await factory('RefreshToken').find('a')).toBeUndefined();
    now += 60_000;
    expect(await tokens.find('a')).toBeUndefined();
  });

  it('revokes every token of a grant and nothing else', async () => {
    const factory = createMemoryAdapterFactory();
    const access = factory('AccessToken');
    const refresh = factory('RefreshToken');
    await access.upsert('a1', { grantId: 'g1' }, 60);
    await refresh.upsert('r1', { grantId: 'g1' }, 60);
    await access.upsert('a2', { grantId: 'g2' }, 60);
    await access.revokeByGrantId('g1');
    expect(await access.find('a1')).toBeUndefined();
    expect(await refresh.find('r1')).toBeUndefined();
    expect(await access.find('a2')).toBeDefined();
  });

  it('finds sessions by uid and marks consumption', async () => {
    const factory = createMemoryAdapterFactory(() => 5_000);
    const sessions = factory('Session');
    await sessions.upsert('s1', { uid: 'u1', accountId: 'x' });
    expect(await sessions.findByUid('u1')).toMatchObject({ accountId: 'x' });
    const codes = factory('AuthorizationCode');
    await codes.upsert('c1', { grantId: 'g' }, 60);
    await codes.consume('c1');
    expect(await codes.find('c1')).toMatchObject({ consumed: 5 });
    await sessions.destroy('s1');
    expect(await sessions.findByUid('u1')).toBeUndefined();
  });
});
