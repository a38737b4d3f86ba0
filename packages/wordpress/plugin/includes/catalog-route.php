<?php
/**
 * `GET /wp-json/itb-booking/v1/catalog` for the block editor: the clinics, treatments and
 * practitioners the BFF offers, as names and ids, so editors pick from names. Fetched by the
 * server (with the site's Origin) and kept five minutes, so the editor needs no CORS set-up.
 *
 * @package ItbBooking
 */

namespace ItbBooking;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

const CATALOG_CACHE_SECONDS = 300;

function register_catalog_route(): void {
	register_rest_route(
		'itb-booking/v1',
		'/catalog',
		array(
			'methods'             => 'GET',
			'callback'            => __NAMESPACE__ . '\\catalog_response',
			'permission_callback' => static fn (): bool => current_user_can( 'edit_posts' ),
		)
	);
}

/**
 * The resources of a searchset Bundle.
 *
 * @param mixed $bundle Decoded JSON.
 * @return list<array<string,mixed>>
 */
function bundle_resources( $bundle ): array {
	$entries = is_array( $bundle ) && isset( $bundle['entry'] ) && is_array( $bundle['entry'] ) ? $bundle['entry'] : array();
	$found   = array();
	foreach ( $entries as $entry ) {
		if ( is_array( $entry['resource'] ?? null ) && isset( $entry['resource']['id'] ) ) {
			$found[] = $entry['resource'];
		}
	}
	return $found;
}

/**
 * Clinics, treatments and practitioners as the editor shows them.
 *
 * @param array{clinics:mixed,treatments:mixed,practitioners:mixed} $bundles The three searchsets.
 * @return array<string,list<array<string,mixed>>>
 */
function catalog_lists( array $bundles ): array {
	$clinics = array();
	foreach ( bundle_resources( $bundles['clinics'] ) as $clinic ) {
		$clinics[] = array( 'id' => (string) $clinic['id'], 'name' => (string) ( $clinic['name'] ?? $clinic['id'] ) );
	}
	$treatments = array();
	foreach ( bundle_resources( $bundles['treatments'] ) as $treatment ) {
		$treatments[] = array( 'id' => (string) $treatment['id'], 'name' => (string) ( $treatment['title'] ?? $treatment['name'] ?? $treatment['id'] ) );
	}
	$practitioners = array();
	foreach ( bundle_resources( $bundles['practitioners'] ) as $role ) {
		$at = array();
		foreach ( (array) ( $role['healthcareService'] ?? array() ) as $service ) {
			$reference = is_array( $service ) ? (string) ( $service['reference'] ?? '' ) : '';
			if ( str_starts_with( $reference, 'HealthcareService/' ) ) {
				$at[] = substr( $reference, strlen( 'HealthcareService/' ) );
			}
		}
		$practitioners[] = array(
			'id'      => (string) $role['id'],
			'name'    => (string) ( $role['practitioner']['display'] ?? $role['id'] ),
			'clinics' => $at,
		);
	}
	$by_name = static fn ( array $a, array $b ): int => strcoll( $a['name'], $b['name'] );
	usort( $clinics, $by_name );
	usort( $practitioners, $by_name );
	return array( 'clinics' => $clinics, 'treatments' => $treatments, 'practitioners' => $practitioners );
}

/** @return array<string,mixed>|\WP_Error */
function catalog_response() {
	$key    = 'itb_booking_catalog_' . md5( (string) bff_base_url() );
	$cached = get_transient( $key );
	if ( is_array( $cached ) ) {
		return $cached;
	}
	$bundles = array();
	$paths   = array(
		'clinics'       => '/fhir/HealthcareService',
		'treatments'    => '/fhir/ActivityDefinition',
		'practitioners' => '/fhir/PractitionerRole',
	);
	foreach ( $paths as $list => $path ) {
		$answer = bff_get( $path );
		if ( is_wp_error( $answer ) || 200 !== $answer['status'] ) {
			$check = check_connection();
			$why   = $check['ok'] ? __( 'The BFF did not answer with its catalog.', 'itb-booking' ) : $check['message'];
			return new \WP_Error( 'itb_booking_catalog_unavailable', $why, array( 'status' => 502 ) );
		}
		$bundles[ $list ] = $answer['body'];
	}
	$lists = catalog_lists( $bundles );
	set_transient( $key, $lists, CATALOG_CACHE_SECONDS );
	return $lists;
}
