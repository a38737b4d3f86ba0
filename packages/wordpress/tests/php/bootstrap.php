<?php
/**
 * Loads the real WordPress the WordPress suite installed (ITB_WP_LOAD = its wp-load.php), with
 * this plugin active in it: the units run against WordPress's own esc_attr, shortcodes, scripts
 * and options, not stand-ins.
 */

$wp_load = getenv( 'ITB_WP_LOAD' );
if ( ! is_string( $wp_load ) || ! is_file( $wp_load ) ) {
	fwrite( STDERR, "Set ITB_WP_LOAD to the wp-load.php of a WordPress with the itb-booking plugin active.\n" );
	exit( 2 );
}
// PHPUnit includes this file inside a method, but WordPress loads at global scope: its variables
// must be globals here too (the list WordPress's own test bootstrap needs, and the ones wp-config
// and wp-settings set as plain variables).
// phpcs:ignore
global $wpdb, $table_prefix, $wp_version, $wp_db_version, $tinymce_version, $required_php_version, $required_mysql_version, $wp_local_package,
	$current_site, $current_blog, $wp_rewrite, $shortcode_tags, $wp, $phpmailer, $wp_theme_directories, $wp_filter, $wp_actions,
	$wp_current_filter, $wp_scripts, $wp_styles, $wp_roles, $wp_locale, $wp_query, $wp_the_query, $wp_embed, $wp_widget_factory,
	$pagenow, $blog_id, $wp_plugin_paths, $allowedposttags, $allowedtags, $allowedentitynames, $wp_post_types, $wp_taxonomies,
	$wp_post_statuses, $_wp_theme_features, $wp_settings_errors, $locale, $l10n, $wp_textdomain_registry, $wp_object_cache;
require $wp_load;
// The settings sanitiser runs in wp-admin/options.php, where WordPress has loaded these.
require_once ABSPATH . 'wp-admin/includes/template.php';
if ( ! function_exists( 'ItbBooking\\render_widget' ) ) {
	fwrite( STDERR, "The itb-booking plugin is not active in that WordPress.\n" );
	exit( 2 );
}
