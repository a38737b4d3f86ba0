<?php
use PHPUnit\Framework\TestCase;

/** Deleting the plugin leaves nothing of it in the database. */
final class UninstallTest extends TestCase {
	public function test_uninstall_removes_the_option_and_the_plugins_transients_only(): void {
		update_option( ItbBooking\OPTION, array( 'bff_url' => '/booking-api' ) );
		set_transient( 'itb_booking_catalog_test', array( 'clinics' => array() ), 60 );
		set_transient( 'itb_booking_connection_1', array( 'ok' => true ), 60 );
		set_transient( 'someone_elses', 'kept', 60 );
		if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
			define( 'WP_UNINSTALL_PLUGIN', 'itb-booking/itb-booking.php' );
		}
		include dirname( ItbBooking\PLUGIN_FILE ) . '/uninstall.php';
		wp_cache_flush();
		global $wpdb;
		// Read the table itself: get_option() would answer the registered default.
		$this->assertSame( '0', $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->options} WHERE option_name = %s", ItbBooking\OPTION ) ) );
		$this->assertFalse( get_transient( 'itb_booking_catalog_test' ) );
		$this->assertFalse( get_transient( 'itb_booking_connection_1' ) );
		$this->assertSame( 'kept', get_transient( 'someone_elses' ) );
		delete_transient( 'someone_elses' );
	}
}
