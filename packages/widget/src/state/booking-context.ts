/**
 * Context keys for the booking state. Symbols, not strings: two copies of the widget bundle on one
 * page must never read each other's state (Lit's createContext docs explain the trade-off).
 * @module
 */
import { createContext } from '@lit/context';
import type { BookingIntents } from './booking-intents.js';
import type { BookingSnapshot } from './booking-state.js';

/** The current snapshot; a new object on every change, so consumers re-render. */
export const bookingStateContext = createContext<BookingSnapshot>(Symbol('itb-booking-state'));

/** The intents (stable for the element's life): steps call these and never assign state. */
export const bookingIntentsContext = createContext<BookingIntents>(Symbol('itb-booking-intents'));
