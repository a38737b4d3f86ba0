<?php
use PHPUnit\Framework\TestCase;

/** The settings form's input: what is kept, what is refused with a message (and the saved value kept). */
final class SettingsTest extends TestCase {
	private const SAVED = array(
		'bff_url'       => 'https://booking.clinic.example/booking-api',
		'locale'        => 'sv',
		'terms_url'     => 'https://clinic.example/villkor',
		'script_source' => 'bundled',
		'script_url'    => '',
	);

	protected function setUp(): void {
		update_option( ItbBooking\OPTION, self::SAVED );
		$GLOBALS['wp_settings_errors'] = array();
	}

	protected function tearDown(): void {
		delete_option( ItbBooking\OPTION );
		$GLOBALS['wp_settings_errors'] = array();
	}

	/** @return list<string> The codes of the settings errors raised. */
	private function errors(): array {
		return array_column( get_settings_errors( ItbBooking\OPTION ), 'code' );
	}

	public function test_valid_input_is_kept_in_its_clean_form(): void {
		$clean = ItbBooking\sanitize_settings(
			array(
				'bff_url'       => '  /booking-api/ ',
				'locale'        => 'nb',
				'terms_url'     => 'https://clinic.example/vilkår/',
				'script_source' => 'url',
				'script_url'    => 'https://cdn.example/itb-booking.iife.js',
				'extra'         => 'dropped',
			)
		);
		$this->assertSame( '/booking-api', $clean['bff_url'] );
		$this->assertSame( 'nb', $clean['locale'] );
		$this->assertStringStartsWith( 'https://clinic.example/vilk', $clean['terms_url'] );
		$this->assertSame( 'url', $clean['script_source'] );
		$this->assertSame( 'https://cdn.example/itb-booking.iife.js', $clean['script_url'] );
		$this->assertArrayNotHasKey( 'extra', $clean );
		$this->assertSame( array(), $this->errors() );
	}

	/** @return array<string,array{string}> */
	public function refused_bff_urls(): array {
		return array(
			'javascript'           => array( 'javascript:alert(1)' ),
			'protocol-relative'    => array( '//evil.example/booking-api' ),
			'no scheme'            => array( 'booking.clinic.example' ),
			'ftp'                  => array( 'ftp://clinic.example/booking-api' ),
			'credentials'          => array( 'https://user:pass@clinic.example/booking-api' ),
			'query'                => array( 'https://clinic.example/booking-api?x=1' ),
			'markup in a path'     => array( '/booking-api"><script>' ),
		);
	}

	/** @dataProvider refused_bff_urls */
	public function test_a_bad_bff_url_is_refused_and_the_saved_one_kept( string $bad ): void {
		$clean = ItbBooking\sanitize_settings( array_merge( self::SAVED, array( 'bff_url' => $bad ) ) );
		$this->assertSame( self::SAVED['bff_url'], $clean['bff_url'] );
		$this->assertSame( array( 'bff_url' ), $this->errors() );
	}

	public function test_an_unknown_language_and_a_bad_terms_url_are_refused(): void {
		$clean = ItbBooking\sanitize_settings( array_merge( self::SAVED, array( 'locale' => 'de', 'terms_url' => 'javascript:alert(1)' ) ) );
		$this->assertSame( 'sv', $clean['locale'] );
		$this->assertSame( self::SAVED['terms_url'], $clean['terms_url'] );
		$this->assertSame( array( 'locale', 'terms_url' ), $this->errors() );
	}

	public function test_a_url_source_without_a_url_falls_back_to_the_bundled_copy_with_a_message(): void {
		$clean = ItbBooking\sanitize_settings( array_merge( self::SAVED, array( 'script_source' => 'url', 'script_url' => '' ) ) );
		$this->assertSame( 'bundled', $clean['script_source'] );
		$this->assertSame( array( 'script_source' ), $this->errors() );
	}

	public function test_emptied_fields_are_emptied_and_garbage_input_keeps_everything(): void {
		$this->assertSame( '', ItbBooking\sanitize_settings( array( 'bff_url' => '' ) )['bff_url'] );
		$this->assertSame( self::SAVED, ItbBooking\sanitize_settings( 'not an array' ) );
		$this->assertSame( self::SAVED, ItbBooking\sanitize_settings( array( 'bff_url' => array( 'x' ), 'locale' => new stdClass() ) ) );
		$this->assertSame( array(), $this->errors() );
	}

	public function test_saving_through_the_settings_api_runs_the_sanitiser(): void {
		ItbBooking\register_settings();
		update_option( ItbBooking\OPTION, array_merge( self::SAVED, array( 'bff_url' => 'javascript:alert(1)' ) ) );
		$this->assertSame( self::SAVED['bff_url'], get_option( ItbBooking\OPTION )['bff_url'] );
	}
}
