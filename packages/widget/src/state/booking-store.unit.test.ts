import { describe, expect, it } from 'vitest';
import { eventsOf, testStore } from './flows.test-support.js';

describe('BookingStore', () => {
  it('replaces the snapshot on every change, frozen, and tells subscribers', () => {
    const { store, snapshots } = testStore();
    const before = store.snapshot;
    store.set({ clinicId: 'hs-city' });
    expect(store.snapshot).not.toBe(before);
    expect(before.clinicId).toBeUndefined();
    expect(store.snapshot.clinicId).toBe('hs-city');
    expect(Object.isFrozen(store.snapshot)).toBe(true);
    expect(snapshots).toEqual([store.snapshot]);
  });

  it('fires itb-step-change only when the step changes, and moves focus only after the patient acted', () => {
    const { store, events } = testStore();
    store.go('practitioner');
    expect(store.snapshot.moveFocus).toBe(false);
    store.set({ clinicId: 'hs-city' });
    store.interact();
    store.go('time');
    expect(store.snapshot.moveFocus).toBe(true);
    expect(eventsOf(events)).toEqual([
      ['itb-step-change', { step: 'practitioner', previous: 'select' }],
      ['itb-step-change', { step: 'time', previous: 'practitioner' }],
    ]);
  });

  it('numbers every message set, the same text again included, so the live regions say it again', () => {
    const { store } = testStore();
    store.set({ announcement: '12 free times' });
    store.set({ announcement: '12 free times' });
    store.set({ announcement: '' });
    store.set({ clinicId: 'hs-city' });
    expect(store.snapshot.announcementSeq).toBe(2);
    store.set({ alert: 'That time was just taken' });
    expect(store.snapshot.alertSeq).toBe(1);
    expect(store.snapshot.announcementSeq).toBe(2);
  });

  it('asks for focus only once the patient has acted, each request new', () => {
    const { store } = testStore();
    store.focus('book');
    expect(store.snapshot.focusRequest).toBeUndefined();
    store.interact();
    store.focus('book');
    store.focus('book');
    expect(store.snapshot.focusRequest).toEqual({ target: 'book', seq: 2 });
  });

  it('a newer task of the same kind aborts the older one; other kinds run on', () => {
    const { store } = testStore();
    const first = store.begin('times');
    const other = store.begin('catalog');
    const second = store.begin('times');
    expect(first.aborted).toBe(true);
    expect(second.aborted).toBe(false);
    expect(other.aborted).toBe(false);
    store.abortAll();
    expect(second.aborted).toBe(true);
    expect(other.aborted).toBe(true);
  });

  it('a failure tells the page (reason, status, operation: no sentence) and the assertive live region only', () => {
    const { store, events } = testStore();
    store.fail('times', { reason: 'network', issueCode: 'transient', diagnostics: 'socket hang up', status: 0 });
    expect(eventsOf(events)).toEqual([['itb-error', { reason: 'network', status: 0, operation: 'times' }]]);
    expect(store.snapshot.alert).toBe(store.snapshot.t.reasons.network);
    expect(store.snapshot.announcement).toBe('');
  });
});
