/** The sandbox's HTTP test knobs (`/_sandbox/…`), read by journeys to check what really got booked. */
import type { Appointment } from '../../packages/shared/src/index.js';
import { stack } from './journey.js';

async function knob(path: string, init?: RequestInit): Promise<unknown> {
  const response = await fetch(new URL(`/_sandbox/${path}`, stack().sandbox), init);
  if (!response.ok) throw new Error(`sandbox knob ${path}: HTTP ${response.status}`);
  return response.status === 204 ? undefined : response.json();
}

/** Every booking the sandbox holds (any patient). */
export async function sandboxBookings(): Promise<Appointment[]> {
  const body = await knob('bookings');
  if (Array.isArray(body)) return body as Appointment[];
  const bundle = body as { entry?: { resource: Appointment }[] };
  return (bundle.entry ?? []).map((e) => e.resource);
}

/** Booked appointments of one person (by personal number digits). */
export async function bookingsOf(personalNumber: string, status: Appointment['status'] = 'booked'): Promise<Appointment[]> {
  const all = await sandboxBookings();
  return all.filter((a) => a.status === status && JSON.stringify(a).includes(personalNumber));
}

/** Fix the sandbox's clock (`undefined` = real time again). */
export async function setSandboxNow(now: Date | undefined): Promise<void> {
  await knob('clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: now?.toISOString() ?? null }) });
}
