/**
 * The steps after the first screen, loaded on demand: the clinic and treatment lists show without
 * waiting for the time picker, the review form, the confirmation or My bookings. `<itb-booking>`
 * shows a skeleton until a step's element is defined, then its tag. Once the first screen shows,
 * the likely next steps are fetched while the patient reads, so Continue does not wait on the network.
 * @module
 */
import type { StepName } from '../state/booking-state.js';

type LaterStep = Exclude<StepName, 'select'>;

const LOADERS: Readonly<Record<LaterStep, () => Promise<unknown>>> = {
  practitioner: () => import('./itb-practitioner-step/itb-practitioner-step.js'),
  time: () => import('./itb-time-step/itb-time-step.js'),
  review: () => import('./itb-review-step/itb-review-step.js'),
  confirmation: () => import('./itb-confirmation-step/itb-confirmation-step.js'),
  'my-bookings': () => import('./itb-my-bookings/itb-my-bookings.js'),
};

/** The element each later step renders. */
const TAGS: Readonly<Record<LaterStep, string>> = {
  practitioner: 'itb-practitioner-step',
  time: 'itb-time-step',
  review: 'itb-review-step',
  confirmation: 'itb-confirmation-step',
  'my-bookings': 'itb-my-bookings',
};

const loading = new Map<LaterStep, Promise<unknown>>();

/** Is `step`'s element defined, so rendering its tag shows it at once? */
export function isStepReady(step: StepName): boolean {
  return step === 'select' || customElements.get(TAGS[step]) !== undefined;
}

/** Loads `step`'s element once; a failed load is forgotten, so the next render tries again. */
export function loadStep(step: StepName): Promise<unknown> {
  if (step === 'select') return Promise.resolve();
  let promise = loading.get(step);
  if (promise === undefined) {
    promise = LOADERS[step]().catch((error: unknown) => {
      loading.delete(step);
      throw error;
    });
    loading.set(step, promise);
  }
  return promise;
}

/** The journey's next steps, fetched when the browser is idle (the patient is reading the lists). */
export function prefetchSteps(steps: readonly StepName[]): void {
  const run = () => { for (const step of steps) loadStep(step).catch(() => undefined); };
  if ('requestIdleCallback' in window) window.requestIdleCallback(run, { timeout: 2000 });
  else setTimeout(run, 200);
}
