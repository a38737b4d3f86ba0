<?php
use PHPUnit\Framework\TestCase;

/**
 * The plugin's translations load the way WordPress loads them for a Swedish or Norwegian site:
 * the .mo through load_plugin_textdomain() for PHP, the editor's JSON through the script handle.
 */
final class TranslationsTest extends TestCase {
	private string $locale = '';

	protected function tearDown(): void {
		remove_all_filters( 'determine_locale' );
		remove_all_filters( 'locale' );
		unload_textdomain( 'itb-booking' );
	}

	private function use_locale( string $locale ): void {
		$this->locale = $locale;
		$pick = fn (): string => $this->locale;
		add_filter( 'determine_locale', $pick );
		add_filter( 'locale', $pick );
		unload_textdomain( 'itb-booking' );
		ItbBooking\load_translations();
	}

	/** @return array<string,array{string,string,string}> */
	public function sites(): array {
		return array(
			'Swedish'            => array( 'sv_SE', 'Testa anslutningen', 'Klinik' ),
			'Norwegian (Bokmål)' => array( 'nb_NO', 'Test tilkoblingen', 'Klinikk' ),
		);
	}

	/** @dataProvider sites */
	public function test_admin_strings_and_the_editor_json_are_in_the_sites_language( string $locale, string $test_connection, string $clinic ): void {
		$this->use_locale( $locale );
		$this->assertSame( $test_connection, __( 'Test connection', 'itb-booking' ) );

		$json = load_script_textdomain( ItbBooking\EDITOR_HANDLE, 'itb-booking', dirname( ItbBooking\PLUGIN_FILE ) . '/languages' );
		$this->assertIsString( $json, "no editor translations found for {$locale}" );
		$messages = json_decode( $json, true )['locale_data']['messages'] ?? array();
		$this->assertSame( array( $clinic ), $messages['Clinic'] ?? null );
	}

	public function test_an_english_site_gets_the_english_source(): void {
		$this->use_locale( 'en_US' );
		$this->assertSame( 'Test connection', __( 'Test connection', 'itb-booking' ) );
	}
}
