<?php
use PHPUnit\Framework\TestCase;

/** The widget script: only on pages with a widget, printed once in the footer however many there are. */
final class WidgetScriptTest extends TestCase {
	protected function setUp(): void {
		update_option( ItbBooking\OPTION, array( 'bff_url' => '/booking-api' ) );
		// A fresh script registry, as at the start of a page view.
		$GLOBALS['wp_scripts'] = new WP_Scripts();
		ItbBooking\register_widget_script();
	}

	protected function tearDown(): void {
		delete_option( ItbBooking\OPTION );
		$GLOBALS['wp_scripts'] = new WP_Scripts();
	}

	private function footer(): string {
		ob_start();
		wp_print_footer_scripts();
		return (string) ob_get_clean();
	}

	public function test_a_page_with_three_widgets_prints_the_script_once_in_the_footer(): void {
		$content = do_blocks( '<!-- wp:itb-booking/booking /--><!-- wp:paragraph --><p>x</p><!-- /wp:paragraph --><!-- wp:itb-booking/booking {"view":"my-bookings"} /-->' );
		$content .= do_shortcode( '[itb_booking clinic="hs-oslo-sentrum"]' );
		$this->assertSame( 3, substr_count( $content, '<itb-booking ' ) );
		ob_start();
		wp_print_head_scripts();
		$head = (string) ob_get_clean();
		$this->assertStringNotContainsString( 'itb-booking.iife.js', $head );
		$this->assertSame( 1, substr_count( $this->footer(), 'itb-booking.iife.js' ) );
	}

	public function test_a_page_without_a_widget_gets_no_script(): void {
		do_shortcode( '[gallery ids=""]<p>Opening hours</p>' );
		$this->assertStringNotContainsString( 'itb-booking', $this->footer() );
	}

	public function test_a_page_without_a_bff_url_gets_no_script(): void {
		delete_option( ItbBooking\OPTION );
		do_shortcode( '[itb_booking]' );
		$this->assertStringNotContainsString( 'itb-booking.iife.js', $this->footer() );
	}

	public function test_the_bundled_script_carries_the_widget_version_and_a_url_source_is_used_as_given(): void {
		$this->assertStringContainsString( 'ver=' . rawurlencode( ItbBooking\bundled_widget_version() ), wp_scripts()->registered[ ItbBooking\WIDGET_HANDLE ]->src . '?ver=' . wp_scripts()->registered[ ItbBooking\WIDGET_HANDLE ]->ver );
		update_option( ItbBooking\OPTION, array( 'bff_url' => '/booking-api', 'script_source' => 'url', 'script_url' => 'https://cdn.example/itb-booking/0.1.0/itb-booking.iife.js' ) );
		$GLOBALS['wp_scripts'] = new WP_Scripts();
		ItbBooking\register_widget_script();
		do_shortcode( '[itb_booking]' );
		$footer = $this->footer();
		$this->assertStringContainsString( "src='https://cdn.example/itb-booking/0.1.0/itb-booking.iife.js'", $footer );
		$this->assertStringNotContainsString( 'assets/itb-booking.iife.js', $footer );
	}
}
