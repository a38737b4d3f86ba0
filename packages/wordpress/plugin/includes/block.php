<?php
/**
 * The block `itb-booking/booking`: rendered on the server by the same code as the shortcode; the
 * editor script (plain JavaScript on WordPress's own packages, no build step) gives the sidebar.
 *
 * @package ItbBooking
 */

namespace ItbBooking;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

const EDITOR_HANDLE = 'itb-booking-editor';

function register_block(): void {
	$dir = dirname( PLUGIN_FILE );
	wp_register_script(
		EDITOR_HANDLE,
		plugins_url( 'blocks/booking/editor.js', PLUGIN_FILE ),
		array( 'wp-blocks', 'wp-block-editor', 'wp-components', 'wp-element', 'wp-i18n', 'wp-api-fetch' ),
		(string) filemtime( $dir . '/blocks/booking/editor.js' ),
		true
	);
	// The JSON translations sit beside the .mo files: languages/itb-booking-{locale}-itb-booking-editor.json.
	wp_set_script_translations( EDITOR_HANDLE, 'itb-booking', $dir . '/languages' );
	register_block_type(
		$dir . '/blocks/booking',
		array( 'render_callback' => __NAMESPACE__ . '\\render_block' )
	);
}

/**
 * @param array<string,mixed> $attributes The block's attributes.
 */
function render_block( array $attributes ): string {
	$markup = render_widget( $attributes );
	if ( '' === $markup ) {
		return '';
	}
	return '<div ' . get_block_wrapper_attributes() . '>' . $markup . '</div>';
}
