<?php
use PHPUnit\Framework\TestCase;

/** The editor's lists, read from the BFF's searchsets: names for editors, ids for the widget. */
final class CatalogTest extends TestCase {
	public function test_clinics_treatments_and_practitioners_become_names_and_ids(): void {
		$lists = ItbBooking\catalog_lists(
			array(
				'clinics'       => array(
					'resourceType' => 'Bundle',
					'entry'        => array(
						array( 'resource' => array( 'resourceType' => 'HealthcareService', 'id' => 'hs-b', 'name' => 'Fjordvik Tannhelse Bergen' ) ),
						array( 'resource' => array( 'resourceType' => 'HealthcareService', 'id' => 'hs-a', 'name' => 'Fjordvik Tandvård Göteborg' ) ),
						array( 'resource' => array( 'resourceType' => 'HealthcareService', 'id' => 'hs-noname' ) ),
						array( 'search' => array( 'mode' => 'outcome' ) ),
					),
				),
				'treatments'    => array(
					'entry' => array(
						array( 'resource' => array( 'id' => 'ad-2', 'name' => 'Hyg45', 'title' => 'Tandhygienistbesök' ) ),
						array( 'resource' => array( 'id' => 'ad-1', 'name' => 'Akut' ) ),
					),
				),
				'practitioners' => array(
					'entry' => array(
						array(
							'resource' => array(
								'id'                => 'pr-1',
								'practitioner'      => array( 'display' => 'Tandläkare Anna Berg' ),
								'healthcareService' => array( array( 'reference' => 'HealthcareService/hs-a' ), array( 'reference' => 'Location/x' ) ),
							),
						),
					),
				),
			)
		);
		$this->assertSame( array( 'hs-a', 'hs-b', 'hs-noname' ), array_column( $lists['clinics'], 'id' ) );
		$this->assertSame( 'Fjordvik Tandvård Göteborg', $lists['clinics'][0]['name'] );
		$this->assertSame( 'hs-noname', $lists['clinics'][2]['name'] );
		// Treatments keep the BFF's order (ITB's sort key); the title is the name patients see.
		$this->assertSame( array( array( 'id' => 'ad-2', 'name' => 'Tandhygienistbesök' ), array( 'id' => 'ad-1', 'name' => 'Akut' ) ), $lists['treatments'] );
		$this->assertSame( array( array( 'id' => 'pr-1', 'name' => 'Tandläkare Anna Berg', 'clinics' => array( 'hs-a' ) ) ), $lists['practitioners'] );
	}

	public function test_answers_that_are_not_bundles_give_empty_lists(): void {
		$lists = ItbBooking\catalog_lists( array( 'clinics' => null, 'treatments' => 'x', 'practitioners' => array( 'entry' => 'x' ) ) );
		$this->assertSame( array( 'clinics' => array(), 'treatments' => array(), 'practitioners' => array() ), $lists );
	}

	public function test_only_editors_may_read_the_catalog_route(): void {
		wp_set_current_user( 0 );
		$answer = rest_do_request( new WP_REST_Request( 'GET', '/itb-booking/v1/catalog' ) );
		$this->assertSame( 401, $answer->get_status() );
	}
}
