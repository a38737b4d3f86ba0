<?php
/**
 * Deleting the plugin removes what it stored: its option and its cached catalogs and test results.
 *
 * @package ItbBooking
 */

if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
	exit;
}

delete_option( 'itb_booking_settings' );

global $wpdb;
// Transients named itb_booking_* (the editor's catalog per BFF, each user's last connection test).
$wpdb->query(
	$wpdb->prepare(
		"DELETE FROM {$wpdb->options} WHERE option_name LIKE %s OR option_name LIKE %s",
		$wpdb->esc_like( '_transient_itb_booking_' ) . '%',
		$wpdb->esc_like( '_transient_timeout_itb_booking_' ) . '%'
	)
);
