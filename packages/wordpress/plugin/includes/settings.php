<?php
/**
 * The plugin's one option (`itb_booking_settings`): what it holds, its defaults, and how input
 * from the settings form is cleaned. A value that is not valid is refused with a message and the
 * saved value stays, so a typo never breaks the booking on a live site.
 *
 * @package ItbBooking
 */

namespace ItbBooking;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

const OPTION = 'itb_booking_settings';

/** The widget's languages; '' means "the site's language" (the widget reads `<html lang>`). */
const LOCALES = array( 'sv', 'nb', 'da', 'fi', 'en' );

/** Where the widget script comes from: the copy inside the plugin, or a URL (a CDN). */
const SCRIPT_SOURCES = array( 'bundled', 'url' );

/**
 * Defaults of every setting.
 *
 * @return array<string,string>
 */
function default_settings(): array {
	return array(
		'bff_url'       => '',
		'locale'        => '',
		'terms_url'     => '',
		'script_source' => 'bundled',
		'script_url'    => '',
	);
}

/**
 * The saved settings over the defaults; unknown keys are dropped.
 *
 * @return array<string,string>
 */
function settings(): array {
	$saved = get_option( OPTION, array() );
	$saved = is_array( $saved ) ? $saved : array();
	return array_merge( default_settings(), array_intersect_key( $saved, default_settings() ) );
}

/**
 * An absolute http(s) URL without credentials, query or fragment, trailing slash removed; or null.
 * `$allow_path` also takes a site path such as `/booking-api` (a BFF under the site's own domain).
 */
function clean_url( string $value, bool $allow_path = false ): ?string {
	$value = trim( $value );
	if ( $allow_path && preg_match( '#^/(?!/)[A-Za-z0-9._~!$&\'()*+,;=:@%/-]*$#', $value ) ) {
		return untrailingslashit( $value ) === '' ? '/' : untrailingslashit( $value );
	}
	$parts = wp_parse_url( $value );
	if ( ! is_array( $parts ) || ! isset( $parts['scheme'], $parts['host'] ) ) {
		return null;
	}
	if ( ! in_array( strtolower( $parts['scheme'] ), array( 'http', 'https' ), true ) ) {
		return null;
	}
	if ( isset( $parts['user'] ) || isset( $parts['pass'] ) || isset( $parts['query'] ) || isset( $parts['fragment'] ) ) {
		return null;
	}
	$clean = esc_url_raw( $value, array( 'http', 'https' ) );
	return '' === $clean ? null : untrailingslashit( $clean );
}

/** A refused value's message for the settings page (only admin screens can show one). */
function refuse( string $field, string $message ): void {
	if ( function_exists( 'add_settings_error' ) ) {
		add_settings_error( OPTION, $field, $message );
	}
}

/**
 * The settings form's input, cleaned: the `sanitize_callback` of the option. Each refused value
 * keeps the saved one and adds a settings error that names the field.
 *
 * @param mixed $input What the form posted.
 * @return array<string,string>
 */
function sanitize_settings( $input ): array {
	$saved = settings();
	// options.php has unslashed the form already. A field that was not posted keeps its saved value.
	$input = is_array( $input ) ? $input : array();
	$clean = $saved;
	$text  = static fn ( string $key ): string => isset( $input[ $key ] ) && is_scalar( $input[ $key ] ) ? trim( (string) $input[ $key ] ) : $saved[ $key ];

	$bff = $text( 'bff_url' );
	if ( '' === $bff ) {
		$clean['bff_url'] = '';
	} elseif ( null !== clean_url( $bff, true ) ) {
		$clean['bff_url'] = clean_url( $bff, true );
	} else {
		refuse( 'bff_url', __( 'The BFF URL must be an http(s) address such as https://booking.example.com/booking-api, or a path on this site such as /booking-api.', 'itb-booking' ) );
	}

	$locale = $text( 'locale' );
	if ( '' === $locale || in_array( $locale, LOCALES, true ) ) {
		$clean['locale'] = $locale;
	} else {
		refuse( 'locale', __( 'Choose one of the listed languages.', 'itb-booking' ) );
	}

	$terms = $text( 'terms_url' );
	if ( '' === $terms ) {
		$clean['terms_url'] = '';
	} elseif ( null !== clean_url( $terms ) ) {
		$clean['terms_url'] = clean_url( $terms );
	} else {
		refuse( 'terms_url', __( 'The terms URL must be an http(s) address.', 'itb-booking' ) );
	}

	$script_url = $text( 'script_url' );
	if ( '' === $script_url ) {
		$clean['script_url'] = '';
	} elseif ( null !== clean_url( $script_url ) ) {
		$clean['script_url'] = clean_url( $script_url );
	} else {
		refuse( 'script_url', __( 'The widget script URL must be an http(s) address.', 'itb-booking' ) );
	}

	$source = $text( 'script_source' );
	if ( ! in_array( $source, SCRIPT_SOURCES, true ) ) {
		$source = 'bundled';
	}
	if ( 'url' === $source && '' === $clean['script_url'] ) {
		refuse( 'script_source', __( 'Give the widget script URL to load the widget from a URL; the copy inside the plugin is used meanwhile.', 'itb-booking' ) );
		$source = 'bundled';
	}
	$clean['script_source'] = $source;

	return $clean;
}

/** Registers the option with its sanitiser (Settings API: capability and nonce come with it). */
function register_settings(): void {
	register_setting(
		'itb_booking',
		OPTION,
		array(
			'type'              => 'object',
			'sanitize_callback' => __NAMESPACE__ . '\\sanitize_settings',
			'default'           => default_settings(),
			'show_in_rest'      => false,
		)
	);
}
