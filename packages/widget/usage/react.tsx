// How a React 19 app uses the widget; `npm run typecheck` checks it against the built package.
import { useRef, useState } from 'react';
import type { ItbBookedDetail, ItbBooking as ItbBookingElement } from '@itb/widget';
import type {} from '@itb/widget/jsx';
import { ItbBooking } from '@itb/widget/react';

export function BookingPage() {
  const [booked, setBooked] = useState<ItbBookedDetail>();
  const widget = useRef<ItbBookingElement>(null);
  return (
    <>
      <button type="button" onClick={() => widget.current?.open()}>Boka tid</button>
      <ItbBooking
        ref={widget}
        bff="/booking-api"
        mode="popup"
        theme="auto"
        locale="sv"
        termsUrl="https://clinic.example/villkor"
        noHistory
        campaignFromUrl
        onItbBooked={(event) => setBooked(event.detail)}
        onItbStepChange={(event) => console.log(event.detail.step, event.detail.previous)}
        onItbError={(event) => console.log(event.detail.reason)}
        onItbClose={() => widget.current?.reset()}
      />
      {/* @ts-expect-error The wrapper's props are checked: a misspelt one is an error. */}
      <ItbBooking bff="/booking-api" termsUlr="https://clinic.example/villkor" />
      {/* @ts-expect-error Methods are called through the ref, not passed as props. */}
      <ItbBooking bff="/booking-api" open={() => undefined} />
      {/* @ts-expect-error The event's detail is typed. */}
      <ItbBooking onItbBooked={(event) => event.detail.patientName} />

      {/* The element itself, with @itb/widget/jsx: attributes as the element takes them. */}
      <itb-booking bff="/booking-api" terms-url="https://clinic.example/villkor" no-history onitb-booked={(event) => setBooked(event.detail)} />
      {/* @ts-expect-error Attribute values are typed too. */}
      <itb-booking bff="/booking-api" no-history="yes" />
      {/* @ts-expect-error A literal union in the manifest stays one: theme is auto, light or dark. */}
      <itb-booking bff="/booking-api" theme="blue" />
      {booked === undefined ? null : <p>{booked.appointmentId}</p>}
    </>
  );
}
