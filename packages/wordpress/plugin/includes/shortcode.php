<?php
/**
 * `[itb_booking clinic="…" treatment="…" practitioner="…" campaign="…" view="my-bookings"
 * locale="sv" mode="popup" button="Boka tid" theme="dark"]` for classic themes and page builders.
 *
 * @package ItbBooking
 */

namespace ItbBooking;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

const SHORTCODE = 'itb_booking';

function register_shortcode(): void {
	add_shortcode( SHORTCODE, __NAMESPACE__ . '\\render_shortcode' );
}

/**
 * @param array<string,string>|string $atts Attributes as WordPress parsed them ('' when none).
 */
function render_shortcode( $atts ): string {
	$defaults = array_fill_keys( array( 'clinic', 'treatment', 'practitioner', 'campaign', 'view', 'locale', 'mode', 'theme', 'button' ), '' );
	return render_widget( shortcode_atts( $defaults, is_array( $atts ) ? $atts : array(), SHORTCODE ) );
}
