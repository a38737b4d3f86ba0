<?php
/**
 * Requests from WordPress's own server to the configured BFF: always with the site's `Origin`
 * (`home_url()`), as the patients' browsers will send it, so what works here works for them.
 *
 * @package ItbBooking
 */

namespace ItbBooking;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** The site's origin (scheme://host[:port]), as a browser sends it in `Origin`. */
function site_origin(): string {
	$parts  = wp_parse_url( home_url() );
	$origin = strtolower( $parts['scheme'] ?? 'http' ) . '://' . strtolower( $parts['host'] ?? 'localhost' );
	return isset( $parts['port'] ) ? $origin . ':' . $parts['port'] : $origin;
}

/** The BFF URL as the server can call it: a site path is resolved against the site; null when unset. */
function bff_base_url(): ?string {
	$bff = settings()['bff_url'];
	if ( '' === $bff ) {
		return null;
	}
	return str_starts_with( $bff, '/' ) ? site_origin() . $bff : $bff;
}

/**
 * GET a BFF path with the site's Origin.
 *
 * @return array{status:int,body:mixed}|\WP_Error The status and decoded JSON body, or why no answer came.
 */
function bff_get( string $path ) {
	$base = bff_base_url();
	if ( null === $base ) {
		return new \WP_Error( 'itb_booking_no_bff', __( 'No BFF URL is set yet.', 'itb-booking' ) );
	}
	// wp_remote_get, not wp_safe_remote_get: a BFF on the site's own server or a private network is normal.
	$response = wp_remote_get(
		$base . $path,
		array(
			'timeout'     => 10,
			'redirection' => 0,
			'headers'     => array(
				'Origin' => site_origin(),
				'Accept' => 'application/fhir+json, application/json',
			),
		)
	);
	if ( is_wp_error( $response ) ) {
		return $response;
	}
	return array(
		'status' => (int) wp_remote_retrieve_response_code( $response ),
		'body'   => json_decode( wp_remote_retrieve_body( $response ), true ),
	);
}

/** The first issue's diagnostics of an OperationOutcome, or ''. */
function outcome_text( $body ): string {
	$issue = is_array( $body ) ? ( $body['issue'][0] ?? array() ) : array();
	$text  = $issue['diagnostics'] ?? ( $issue['details']['text'] ?? '' );
	return is_string( $text ) ? $text : '';
}

/**
 * Asks the BFF's `/embed-check` whether pages on this site may embed the widget.
 *
 * @return array{ok:bool,message:string}
 */
function check_connection(): array {
	$base = bff_base_url();
	if ( null === $base ) {
		return array( 'ok' => false, 'message' => __( 'No BFF URL is set yet: enter it above and save.', 'itb-booking' ) );
	}
	$answer = bff_get( '/embed-check' );
	if ( is_wp_error( $answer ) ) {
		/* translators: 1: the BFF URL, 2: the error from the HTTP client. */
		$message = __( 'The BFF at %1$s cannot be reached: %2$s', 'itb-booking' );
		return array( 'ok' => false, 'message' => sprintf( $message, $base, $answer->get_error_message() ) );
	}
	$is_outcome = is_array( $answer['body'] ) && 'OperationOutcome' === ( $answer['body']['resourceType'] ?? '' );
	if ( ! $is_outcome ) {
		/* translators: 1: the BFF URL, 2: the HTTP status code. */
		$message = __( 'Something answers at %1$s, but not as an ITB Booking BFF (HTTP %2$d): check the URL.', 'itb-booking' );
		return array( 'ok' => false, 'message' => sprintf( $message, $base, $answer['status'] ) );
	}
	switch ( $answer['status'] ) {
		case 200:
			/* translators: %s: the BFF URL. */
			$message = __( 'Connected: the BFF at %s is ready and allows this site.', 'itb-booking' );
			return array( 'ok' => true, 'message' => sprintf( $message, $base ) );
		case 403:
			/* translators: %s: the site's origin, e.g. https://clinic.example. */
			$message = __( 'The BFF does not allow this site: its origin %s is not allowed. Add it to the BFF setting ITB_ALLOWED_ORIGINS.', 'itb-booking' );
			return array( 'ok' => false, 'message' => sprintf( $message, site_origin() ) );
		case 503:
			/* translators: %s: what the BFF said. */
			$message = __( 'The BFF answers but is not ready: %s', 'itb-booking' );
			return array( 'ok' => false, 'message' => sprintf( $message, outcome_text( $answer['body'] ) ) );
		case 404:
			/* translators: %s: the BFF URL. */
			$message = __( 'The BFF at %s is too old to be tested (it has no /embed-check): update it.', 'itb-booking' );
			return array( 'ok' => false, 'message' => sprintf( $message, $base ) );
		default:
			/* translators: 1: the HTTP status code, 2: what the BFF said. */
			$message = __( 'The BFF answered with HTTP %1$d: %2$s', 'itb-booking' );
			return array( 'ok' => false, 'message' => sprintf( $message, $answer['status'], outcome_text( $answer['body'] ) ) );
	}
}
