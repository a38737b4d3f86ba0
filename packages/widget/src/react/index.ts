/**
 * `@itb/widget/react`: `<itb-booking>` as a React 19 component, made with `@lit/react`. Props set
 * the element's properties (`bff`, `termsUrl`, `noHistory`, …) and `onItb…` props listen to its
 * events (`onItbBooked`, `onItbStepChange`, …); a ref gives the element and its methods.
 *
 * Safe to import on a server: this module never loads the element itself, which needs a DOM. In a
 * browser it loads `@itb/widget` (which registers `<itb-booking>`) as it is imported; on a server
 * the component renders the bare tag, which the browser upgrades.
 * @module
 */
import { createComponent } from '@lit/react';
import type { EventName } from '@lit/react';
import type { LitElement } from 'lit';
import React from 'react';
import type { ItbBooking as ItbBookingElement } from '../itb-booking/itb-booking.js';
import type {
  ItbBookedEvent, ItbCancelledEvent, ItbCloseEvent, ItbErrorEvent, ItbOpenEvent, ItbRescheduledEvent, ItbSignedInEvent, ItbStepChangeEvent,
} from '../index.js';

/** `itb-step-change` → `ItbStepChange`. */
type PascalCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${PascalCase<Tail>}` : Capitalize<S>;
/** Every `itb-` event the package declares (each event file adds itself to `HTMLElementEventMap`). */
type ItbEventName = Extract<keyof HTMLElementEventMap, `itb-${string}`>;

/**
 * The element's events and their props, one line each. The `satisfies` makes a missing event, a
 * prop not named `on` + the event in PascalCase, or a wrong event class a compile error.
 */
const events = {
  onItbStepChange: 'itb-step-change' as EventName<ItbStepChangeEvent>,
  onItbBooked: 'itb-booked' as EventName<ItbBookedEvent>,
  onItbRescheduled: 'itb-rescheduled' as EventName<ItbRescheduledEvent>,
  onItbCancelled: 'itb-cancelled' as EventName<ItbCancelledEvent>,
  onItbSignedIn: 'itb-signed-in' as EventName<ItbSignedInEvent>,
  onItbError: 'itb-error' as EventName<ItbErrorEvent>,
  onItbOpen: 'itb-open' as EventName<ItbOpenEvent>,
  onItbClose: 'itb-close' as EventName<ItbCloseEvent>,
} satisfies { [N in ItbEventName as `on${PascalCase<N>}`]: EventName<HTMLElementEventMap[N]> };

/** The element's own writable properties (its methods and what it inherits from LitElement left out). */
type OwnKey = Exclude<keyof ItbBookingElement, keyof LitElement>;
type OwnProperty = { [K in OwnKey]: ItbBookingElement[K] extends (...args: never[]) => unknown ? never : K }[OwnKey];

/**
 * The element's properties, which the component sets as properties rather than attributes. Listed
 * because the class cannot be loaded where this module may run; a property missing here is a
 * compile error below.
 */
const PROPERTIES = [
  'bff', 'locale', 'clinic', 'treatment', 'practitioner', 'campaign', 'campaignFromUrl', 'view', 'termsUrl', 'noHistory', 'mode', 'theme', 'strings',
] as const satisfies readonly OwnProperty[];
type Unlisted = Exclude<OwnProperty, (typeof PROPERTIES)[number]>;
// A property not listed is named by the error: "Type 'boolean' is not assignable to type '{ theme: "missing from PROPERTIES"; }'".
const everyPropertyListed: [Unlisted] extends [never] ? true : { [K in Unlisted]: 'missing from PROPERTIES' } = true;
void everyPropertyListed;

/**
 * Stands in for the element class: `@lit/react` only asks `name in elementClass.prototype` (at render
 * time) to tell the element's properties from other props. Setting a property before the element is
 * defined is fine: Lit takes it over when the element upgrades.
 */
class ItbBookingStandIn {}
for (const name of PROPERTIES) Object.defineProperty(ItbBookingStandIn.prototype, name, { value: undefined });

// Registering the element needs a DOM; in a browser it starts loading now, before the first render.
if (typeof document !== 'undefined') void import('../index.js');

type ElementProps = Partial<Pick<ItbBookingElement, (typeof PROPERTIES)[number]>>;
type EventProps = { [K in keyof typeof events]?: (event: (typeof events)[K]['__eventType']) => void };

/**
 * The props of {@link ItbBooking}: the element's properties, an `onItb…` prop per event, React's
 * HTML props, and a ref to the element. Narrower than `@lit/react`'s own type, which would also
 * offer every LitElement member and the element's methods (`open`, `reset`) as props.
 */
export type ItbBookingProps = Omit<React.HTMLAttributes<ItbBookingElement>, keyof ElementProps | keyof EventProps>
  & ElementProps & EventProps & React.RefAttributes<ItbBookingElement>;

/** `<itb-booking>` for React 19: element properties as props, `onItb…` event props, a ref to the element. */
export const ItbBooking: React.ForwardRefExoticComponent<ItbBookingProps> = createComponent({
  react: React,
  tagName: 'itb-booking',
  elementClass: ItbBookingStandIn as unknown as new () => ItbBookingElement,
  events,
  displayName: 'ItbBooking',
});
