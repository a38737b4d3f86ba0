<?php
/**
 * The one place that turns a widget's attributes (from the block or the shortcode) into markup:
 * every value checked against what the widget understands, every attribute escaped, and the
 * widget script enqueued (WordPress prints a handle once however many widgets a page has).
 *
 * @package ItbBooking
 */

namespace ItbBooking;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

const VIEWS  = array( 'book', 'my-bookings' );
const MODES  = array( 'inline', 'popup', 'floating' );
const THEMES = array( 'light', 'dark', 'auto' );

/**
 * The attributes a block or shortcode may set, cleaned; unknown and invalid values are dropped.
 *
 * @param array<string,mixed> $raw As given by the editor or the shortcode.
 * @return array<string,string>
 */
function widget_attributes( array $raw ): array {
	$text  = static fn ( string $key ): string => isset( $raw[ $key ] ) && is_scalar( $raw[ $key ] ) ? sanitize_text_field( (string) $raw[ $key ] ) : '';
	$one   = static fn ( string $key, array $allowed ): string => in_array( $text( $key ), $allowed, true ) ? $text( $key ) : '';
	$clean = array(
		'clinic'       => $text( 'clinic' ),
		'treatment'    => $text( 'treatment' ),
		'practitioner' => $text( 'practitioner' ),
		'campaign'     => $text( 'campaign' ),
		'view'         => $one( 'view', VIEWS ),
		'locale'       => $one( 'locale', LOCALES ),
		'mode'         => $one( 'mode', MODES ),
		'theme'        => $one( 'theme', THEMES ),
		'button'       => $text( 'button' ),
	);
	return array_filter( $clean, static fn ( string $value ): bool => '' !== $value );
}

/** A short note for those who can fix a missing set-up; nothing at all for visitors. */
function setup_note(): string {
	if ( ! current_user_can( 'manage_options' ) ) {
		return '';
	}
	$link = esc_url( admin_url( 'options-general.php?page=' . SETTINGS_PAGE ) );
	/* translators: %s: link to the plugin's settings page. */
	$text = __( 'ITB Booking: set the BFF URL in <a href="%s">Settings → ITB Booking</a> to show the booking here. Only administrators see this note.', 'itb-booking' );
	return '<p class="itb-booking-setup-note">' . wp_kses( sprintf( $text, $link ), array( 'a' => array( 'href' => array() ) ) ) . '</p>';
}

/**
 * The markup of one widget, and its script enqueued.
 *
 * @param array<string,mixed> $raw Block attributes or shortcode attributes.
 */
function render_widget( array $raw ): string {
	static $count = 0;
	$settings = settings();
	if ( '' === $settings['bff_url'] ) {
		return setup_note();
	}
	wp_enqueue_script( WIDGET_HANDLE );

	$attributes = widget_attributes( $raw );
	$count     += 1;
	$id         = 'itb-booking-' . $count;
	$html       = array(
		'id'        => $id,
		'bff'       => $settings['bff_url'],
		'locale'    => $attributes['locale'] ?? $settings['locale'],
		'terms-url' => $settings['terms_url'],
	);
	foreach ( array( 'clinic', 'treatment', 'practitioner', 'campaign', 'mode', 'theme' ) as $name ) {
		$html[ $name ] = $attributes[ $name ] ?? '';
	}
	// The widget's defaults (`book`, `inline`) are left out, so the markup stays minimal.
	$html['view'] = ( $attributes['view'] ?? 'book' ) === 'book' ? '' : $attributes['view'];
	$html['mode'] = ( $attributes['mode'] ?? 'inline' ) === 'inline' ? '' : $attributes['mode'];

	$markup = '';
	foreach ( $html as $name => $value ) {
		if ( '' !== $value ) {
			$markup .= sprintf( ' %s="%s"', $name, esc_attr( $value ) );
		}
	}
	$element = '<itb-booking' . $markup . '></itb-booking>';

	if ( 'popup' !== ( $attributes['mode'] ?? '' ) ) {
		return $element;
	}
	// A popup needs something to open it: a real button, named by the editor or in the site's language.
	$label = $attributes['button'] ?? __( 'Book an appointment', 'itb-booking' );
	return sprintf(
		'<p class="itb-booking-open"><button type="button" class="wp-element-button" data-itb-open="%s">%s</button></p>%s',
		esc_attr( $id ),
		esc_html( $label ),
		$element
	);
}
