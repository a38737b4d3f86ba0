<?php
/**
 * The widget's script: the classic (IIFE) build, registered once and printed in the footer only on
 * pages that render a widget. One path on every WordPress version: the element upgrades whenever
 * the script arrives, so no order of scripts on the page can break it (no "not defined" errors).
 *
 * @package ItbBooking
 */

namespace ItbBooking;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

const WIDGET_HANDLE = 'itb-booking-widget';

/** The version of the widget build inside the plugin (written by the build), for cache busting. */
function bundled_widget_version(): string {
	$file    = dirname( PLUGIN_FILE ) . '/assets/widget-version.txt';
	$version = is_readable( $file ) ? trim( (string) file_get_contents( $file ) ) : '';
	return '' !== $version ? $version : get_file_data( PLUGIN_FILE, array( 'Version' => 'Version' ) )['Version'];
}

/** Registers the widget script from the configured source; enqueued by render_widget() when needed. */
function register_widget_script(): void {
	$settings = settings();
	if ( 'url' === $settings['script_source'] && '' !== $settings['script_url'] ) {
		// A URL the site owner chose (e.g. a pinned CDN file): used exactly as given.
		wp_register_script( WIDGET_HANDLE, $settings['script_url'], array(), null, true );
		return;
	}
	wp_register_script( WIDGET_HANDLE, plugins_url( 'assets/itb-booking.iife.js', PLUGIN_FILE ), array(), bundled_widget_version(), true );
}
