/**
 * Figure 9: `$book` under 50 concurrent patients booking 50 different times. Each patient signs in
 * through the real OIDC flow (test-BankID), the bench picks 50 free, non-overlapping times through
 * the BFF's `$find`, builds each booking with @itb/shared exactly as the widget does, and fires the 50
 * POSTs at once. Afterwards the sandbox's store is checked: every patient has exactly one booking,
 * and no practitioner has two bookings that overlap.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { PERSONAL_NUMBER_SYSTEM, buildBookParameters, buildCreateAppointment, buildPortalPatient, participantId } from '@itb/shared';
import { percentile, request, requestJson } from '../lib/load.js';
import { signInAll } from '../lib/patients.js';
import { generatePersonnummer } from '../lib/personnummer.js';
import { addDaysIso, bookableOffers, findQuery, mondayIso, window } from '../lib/seed.js';

const PATIENTS = 50;
const fmtMs = (ms) => `${ms < 10 ? ms.toFixed(2) : ms.toFixed(0)} ms`;

/** 50 free times, at most one per overlapping interval of a practitioner, spread over clinics. */
async function chooseTimes({ bffUrl, catalog, halfWeek }) {
  const pairs = new Map();
  for (const offer of bookableOffers(catalog)) pairs.set(`${offer.clinicId}|${offer.treatmentId}`, offer);
  const taken = new Map();
  const chosen = [];
  // Half-weeks from next Monday on: clear of today's minimum advance, and the sandbox's 30-day
  // horizon holds eight of them, so several rounds (and warm-ups) never compete for a time.
  const win = window(addDaysIso(mondayIso(1), Math.floor(halfWeek * 3.5)), 3);
  for (const offer of pairs.values()) {
    const treatment = catalog.treatments.get(offer.treatmentId);
    const bundle = await requestJson(`${bffUrl}/fhir/Appointment/$find?${findQuery({ ...win, visitType: treatment.visitType, clinicId: offer.clinicId })}`);
    const times = (bundle.entry ?? []).map((e) => e.resource).filter((r) => r?.resourceType === 'Appointment');
    // Every third time of each search, so the picks spread over days and practitioners.
    for (let i = 0; i < times.length; i += 3) {
      const time = times[i];
      const role = participantId(time, 'PractitionerRole');
      const start = Date.parse(time.start);
      const end = Date.parse(time.end);
      const busy = taken.get(role) ?? [];
      if (role === undefined || busy.some((b) => start < b.end && b.start < end)) continue;
      busy.push({ start, end });
      taken.set(role, busy);
      chosen.push({ time, clinicId: offer.clinicId });
      if (chosen.length === PATIENTS * 2) break;
    }
  }
  if (chosen.length < PATIENTS) throw new Error(`only ${chosen.length} non-overlapping free times found`);
  // Round-robin across practitioners rather than the first 50 of one clinic.
  const byRole = new Map();
  for (const c of chosen) {
    const role = participantId(c.time, 'PractitionerRole');
    byRole.set(role, [...(byRole.get(role) ?? []), c]);
  }
  const spread = [];
  while (spread.length < PATIENTS) {
    for (const list of byRole.values()) if (list.length > 0 && spread.length < PATIENTS) spread.push(list.shift());
  }
  return spread;
}

/** Pairs of booked appointments of one practitioner whose times overlap. */
function overlaps(bookings) {
  const byRole = new Map();
  for (const b of bookings.filter((a) => a.status === 'booked')) {
    const role = participantId(b, 'PractitionerRole');
    byRole.set(role, [...(byRole.get(role) ?? []), { start: Date.parse(b.start), end: Date.parse(b.end), id: b.id }]);
  }
  let count = 0;
  for (const list of byRole.values()) {
    list.sort((a, b) => a.start - b.start);
    for (let i = 1; i < list.length; i += 1) if (list[i].start < list[i - 1].end) count += 1;
  }
  return count;
}

function patientNumberOf(appointment) {
  for (const p of appointment.participant ?? []) {
    if (p.actor?.type === 'Patient' && typeof p.actor.identifier?.value === 'string') return p.actor.identifier.value.replace(/\D/g, '');
  }
  return undefined;
}

/**
 * One round: `patients` (from `seed`) sign in, and their bookings of different times in half-week
 * `halfWeek` (0 = from next Monday) go at once, spread round-robin over `bffUrls` (instances of one
 * deployment).
 */
export async function bookRound({ sandbox, bffUrls, catalog, demoOrigin, halfWeek = 2, seed = 1, patients = PATIENTS }) {
  await sandbox.knob('setLatency', 0);
  const numbers = generatePersonnummer(patients, seed);
  const signInStarted = Date.now();
  const sessions = await signInAll({ bffUrl: bffUrls[0], returnTo: `${demoOrigin}/`, personalNumbers: numbers, parallel: 4 });
  const signInSeconds = (Date.now() - signInStarted) / 1000;
  const picks = (await chooseTimes({ bffUrl: bffUrls[0], catalog, halfWeek })).slice(0, patients);
  const before = await sandbox.knob('bookings');

  const posts = picks.map((pick, i) => {
    const identity = { personalNumber: { system: PERSONAL_NUMBER_SYSTEM.sePersonnummer, value: numbers[i] }, givenName: 'Bench', familyName: `Patient ${i + 1}` };
    const appointment = buildCreateAppointment(pick.time, { clinicId: pick.clinicId, patient: identity, confirmation: 'send-confirmation-by-sms' });
    const patient = buildPortalPatient(identity, { mobilePhone: `+4670174${String(600 + i).padStart(4, '0')}`, confirmation: 'send-confirmation-by-sms' });
    return {
      url: `${bffUrls[i % bffUrls.length]}/fhir/Appointment/$book`,
      body: JSON.stringify(buildBookParameters(appointment, patient)),
      headers: {
        cookie: sessions[i].cookie,
        'x-forwarded-for': sessions[i].ip,
        'x-itb-csrf': '1',
        origin: demoOrigin,
        'idempotency-key': randomUUID(),
        'content-type': 'application/fhir+json',
        accept: 'application/fhir+json',
      },
    };
  });
  const answers = await Promise.all(posts.map((p) => request(p.url, { method: 'POST', headers: p.headers, body: p.body })));
  const errors = answers.filter((a) => a.status !== 200);
  const ms = answers.map((a) => a.ms);

  const after = await sandbox.knob('bookings');
  const mine = new Set(numbers);
  const beforeIds = new Set(before.map((b) => b.id));
  const created = after.filter((b) => !beforeIds.has(b.id) && b.status === 'booked' && mine.has(patientNumberOf(b) ?? ''));
  const perPatient = new Map();
  for (const b of created) perPatient.set(patientNumberOf(b), (perPatient.get(patientNumberOf(b)) ?? 0) + 1);
  const statusCounts = {};
  for (const a of answers) statusCounts[a.status] = (statusCounts[a.status] ?? 0) + 1;
  return {
    errors,
    statusCounts,
    p50: percentile(ms, 50),
    p99: percentile(ms, 99),
    max: Math.max(...ms),
    bookingsCreated: created.length,
    overlappingBookings: overlaps(after),
    patientsWithMoreThanOne: [...perPatient.values()].filter((n) => n > 1).length,
    signInSeconds,
  };
}

/** Figure 9: the round on one BFF, with the store checked afterwards. */
export async function bookFigure({ sandbox, bff, catalog, demoOrigin }) {
  const round = await bookRound({ sandbox, bffUrls: [bff.url], catalog, demoOrigin });
  const { errors, ...values } = round;
  return [{
    id: 'book-50-concurrent',
    figure: '$book, 50 concurrent patients, different times',
    baseline: '50 bookings',
    measured: `${PATIENTS - errors.length} ok, ${errors.length} errors, ${round.overlappingBookings} double; p50 ${fmtMs(round.p50)}, p99 ${fmtMs(round.p99)}`,
    ratio: '—',
    budget: '0 errors, 0 double bookings',
    pass: errors.length === 0 && round.overlappingBookings === 0 && round.patientsWithMoreThanOne === 0 && round.bookingsCreated === PATIENTS,
    values: { ...values, errorBodies: errors.slice(0, 3).map((e) => e.body.slice(0, 300)) },
  }];
}
