import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outcome, readOutcome, readWarnings, statusOf } from './outcome.js';
import { isReasonCode, REASON_ISSUE_CODE, REASON_STATUS, REASON_SYSTEM, type ReasonCode } from './reasons.js';

const REASONS = Object.keys(REASON_STATUS) as ReasonCode[];

describe('outcome and readOutcome', () => {
  it('round-trips every reason code, with and without detail', () => {
    for (const reason of REASONS) {
      const body = outcome(reason, `Because ${reason}.`);
      expect(body.issue[0]?.severity).toBe(REASON_STATUS[reason] >= 500 ? 'fatal' : 'error');
      expect(readOutcome(body)).toEqual({ reason, issueCode: REASON_ISSUE_CODE[reason], diagnostics: `Because ${reason}.`, status: REASON_STATUS[reason] });
      expect(readOutcome(JSON.parse(JSON.stringify(outcome(reason, 'x', 'minimumAdvanceBookingMinutes'))), statusOf(reason)))
        .toEqual({ reason, issueCode: REASON_ISSUE_CODE[reason], diagnostics: 'x', status: REASON_STATUS[reason], detail: 'minimumAdvanceBookingMinutes' });
    }
  });

  it('puts the reason in details.coding under our system', () => {
    expect(outcome('slot-taken', 'Taken.')).toEqual({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'conflict', details: { coding: [{ system: REASON_SYSTEM, code: 'slot-taken' }] }, diagnostics: 'Taken.' }],
    });
    expect(statusOf('csrf')).toBe(403);
  });

  it('names what was wrong as FHIRPath in expression when given', () => {
    expect(outcome('invalid-parameter', "The query parameter 'start' is required.", undefined, ['start']).issue[0]?.expression).toEqual(['start']);
    expect(outcome('invalid-parameter', 'Bad.', undefined, []).issue[0]).not.toHaveProperty('expression');
  });

  it('maps a bare upstream OperationOutcome by its issue code (conflict → slot-taken)', () => {
    const upstream = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'conflict', diagnostics: 'Den valda tiden är inte längre ledig.' }] };
    expect(readOutcome(upstream, 409)).toEqual({ reason: 'slot-taken', issueCode: 'conflict', diagnostics: 'Den valda tiden är inte längre ledig.', status: 409 });
    expect(readOutcome(upstream)).toMatchObject({ reason: 'slot-taken', status: 409 });
    expect(readOutcome({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'business-rule', details: { text: 'Regel' } }] }, 422))
      .toEqual({ reason: 'rule-violation', issueCode: 'business-rule', diagnostics: 'Regel', status: 422 });
  });

  it('reads an OperationOutcome-only Bundle', () => {
    const bundle = { resourceType: 'Bundle', type: 'searchset', total: 0, entry: [{ resource: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'conflict', diagnostics: 'Taken' }] }, search: { mode: 'outcome' } }] };
    expect(readOutcome(bundle, 200)).toMatchObject({ reason: 'slot-taken', diagnostics: 'Taken' });
  });

  it('falls back to the HTTP status for HTML, null and undefined bodies', () => {
    const cases: Array<[unknown, number | undefined, ReasonCode]> = [
      ['<html><body>502 Bad Gateway</body></html>', 502, 'upstream-unavailable'],
      ['<html>Gateway Timeout</html>', 504, 'upstream-timeout'],
      [null, 401, 'login-required'],
      [undefined, 403, 'forbidden'],
      [null, 404, 'not-found'],
      [undefined, 409, 'slot-taken'],
      [null, 413, 'payload-too-large'],
      ['', 422, 'rule-violation'],
      ['', 429, 'rate-limited'],
      [null, 400, 'invalid-parameter'],
      [null, undefined, 'unknown'],
      [{ resourceType: 'OperationOutcome', issue: [] }, 500, 'upstream-unavailable'],
    ];
    for (const [body, status, reason] of cases) {
      expect(readOutcome(body, status)).toEqual({ reason, issueCode: REASON_ISSUE_CODE[reason], diagnostics: '', status: status ?? REASON_STATUS[reason] });
    }
  });

  it('ignores malformed codings and prototype-named issue codes', () => {
    expect(readOutcome({ resourceType: 'OperationOutcome', issue: [{ code: 'constructor', details: { coding: 5 } }] }, 400).reason).toBe('invalid-parameter');
    expect(readOutcome({ resourceType: 'OperationOutcome', issue: [{ code: 'toString', details: { coding: [null, { system: REASON_SYSTEM, code: 'no-such-reason' }] } }] }).reason).toBe('unknown');
    expect(readOutcome({ resourceType: 'OperationOutcome', issue: 'broken' }, 503).reason).toBe('upstream-unavailable');
  });

  it('never throws and always gives a known reason', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.option(fc.integer({ min: 100, max: 599 }), { nil: undefined }), (body, status) => {
      const problem = readOutcome(body, status);
      expect(isReasonCode(problem.reason)).toBe(true);
      expect(typeof problem.diagnostics).toBe('string');
      expect(typeof problem.issueCode).toBe('string');
      const wrapped = readOutcome({ resourceType: 'OperationOutcome', issue: [body] }, status);
      expect(isReasonCode(wrapped.reason)).toBe(true);
    }), { numRuns: 300 });
  });
});

describe('readWarnings', () => {
  it('reads warnings and notices from a success Bundle only', () => {
    const bundle = {
      resourceType: 'Bundle',
      entry: [
        { resource: { resourceType: 'Appointment' } },
        { resource: { resourceType: 'OperationOutcome', issue: [
          { severity: 'information', code: 'informational', diagnostics: 'Ombokning registrerad.' },
          { severity: 'warning', code: 'informational', details: { text: 'SMS kunde inte skickas.' } },
          { severity: 'error', code: 'processing', diagnostics: 'not a warning' },
          { severity: 'warning', code: 'informational' },
        ] } },
      ],
    };
    expect(readWarnings(bundle)).toEqual(['Ombokning registrerad.', 'SMS kunde inte skickas.']);
    expect(readWarnings(bundle.entry[1]?.resource)).toEqual([]);
    expect(readWarnings(null)).toEqual([]);
    expect(readWarnings({ resourceType: 'Bundle', entry: [{ resource: { resourceType: 'OperationOutcome', issue: { 0: 'x' } } }] })).toEqual([]);
  });
});
