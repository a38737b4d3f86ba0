<?php
/**
 * Plugin Name:       ITB Booking
 * Description:       Online booking for clinics on the ITB booking system: a block and an [itb_booking] shortcode that show the booking widget, talking to your ITB Booking BFF.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      8.1
 * Author:            ITB Booking
 * License:           Apache-2.0
 * License URI:       https://www.apache.org/licenses/LICENSE-2.0
 * Text Domain:       itb-booking
 * Domain Path:       /languages
 *
 * @package ItbBooking
 */

namespace ItbBooking;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

const PLUGIN_FILE = __FILE__;

require_once __DIR__ . '/includes/settings.php';
require_once __DIR__ . '/includes/bff-client.php';
require_once __DIR__ . '/includes/widget-script.php';
require_once __DIR__ . '/includes/render.php';
require_once __DIR__ . '/includes/shortcode.php';
require_once __DIR__ . '/includes/block.php';
require_once __DIR__ . '/includes/catalog-route.php';
require_once __DIR__ . '/includes/settings-page.php';

register_activation_hook( __FILE__, __NAMESPACE__ . '\\add_default_settings' );
add_action( 'init', __NAMESPACE__ . '\\load_translations' );
add_action( 'init', __NAMESPACE__ . '\\register_widget_script' );
add_action( 'init', __NAMESPACE__ . '\\register_shortcode' );
add_action( 'init', __NAMESPACE__ . '\\register_block' );
add_action( 'rest_api_init', __NAMESPACE__ . '\\register_catalog_route' );
add_action( 'admin_init', __NAMESPACE__ . '\\register_settings' );
add_action( 'admin_menu', __NAMESPACE__ . '\\add_settings_page' );
add_action( 'admin_post_' . TEST_CONNECTION_ACTION, __NAMESPACE__ . '\\handle_test_connection' );
add_filter( 'plugin_action_links_' . plugin_basename( __FILE__ ), __NAMESPACE__ . '\\add_settings_link' );

/** The admin strings in sv_SE and nb_NO, from the plugin's own languages folder. */
function load_translations(): void {
	load_plugin_textdomain( 'itb-booking', false, dirname( plugin_basename( PLUGIN_FILE ) ) . '/languages' );
}

/**
 * The option exists from activation on: the first save is then an update, which runs the
 * sanitiser once (adding an option runs it twice, and a refused value would show its message twice).
 */
function add_default_settings(): void {
	add_option( OPTION, default_settings() );
}
