<?php
use PHPUnit\Framework\TestCase;

/** What the block and the shortcode put into a page: checked values, escaped attributes. */
final class RenderTest extends TestCase {
	protected function setUp(): void {
		update_option( ItbBooking\OPTION, array( 'bff_url' => '/booking-api', 'terms_url' => 'https://clinic.example/villkor' ) );
		wp_set_current_user( 0 );
	}

	protected function tearDown(): void {
		delete_option( ItbBooking\OPTION );
	}

	private function element( string $html ): DOMElement {
		$dom = new DOMDocument();
		libxml_use_internal_errors( true );
		$dom->loadHTML( '<!doctype html><meta charset="utf-8"><body>' . $html . '</body>' );
		libxml_clear_errors();
		$found = $dom->getElementsByTagName( 'itb-booking' );
		$this->assertSame( 1, $found->length, $html );
		return $found->item( 0 );
	}

	public function test_shortcode_attributes_become_widget_attributes_with_the_settings(): void {
		$widget = $this->element( do_shortcode( '[itb_booking clinic="hs-oslo-sentrum" treatment="ad-hygiene-45" campaign="VÅR25" view="my-bookings" locale="nb" theme="dark"]' ) );
		$this->assertSame( '/booking-api', $widget->getAttribute( 'bff' ) );
		$this->assertSame( 'hs-oslo-sentrum', $widget->getAttribute( 'clinic' ) );
		$this->assertSame( 'ad-hygiene-45', $widget->getAttribute( 'treatment' ) );
		$this->assertSame( 'VÅR25', $widget->getAttribute( 'campaign' ) );
		$this->assertSame( 'my-bookings', $widget->getAttribute( 'view' ) );
		$this->assertSame( 'nb', $widget->getAttribute( 'locale' ) );
		$this->assertSame( 'dark', $widget->getAttribute( 'theme' ) );
		$this->assertSame( 'https://clinic.example/villkor', $widget->getAttribute( 'terms-url' ) );
	}

	public function test_hostile_values_are_escaped_and_cannot_add_attributes_or_markup(): void {
		$html = ItbBooking\render_widget(
			array(
				'clinic'    => '" onmouseover="alert(1)',
				'treatment' => "x' autofocus onfocus='alert(2)",
				'campaign'  => '<script>alert(3)</script>SOMMAR',
				'button'    => '<img src=x onerror=alert(4)>',
				'mode'      => 'popup',
			)
		);
		$this->assertStringNotContainsString( '<script', $html );
		$this->assertStringNotContainsString( '<img', $html );
		$widget = $this->element( $html );
		$this->assertFalse( $widget->hasAttribute( 'onmouseover' ) );
		$this->assertFalse( $widget->hasAttribute( 'onfocus' ) );
		$this->assertFalse( $widget->hasAttribute( 'autofocus' ) );
		$this->assertSame( '" onmouseover="alert(1)', $widget->getAttribute( 'clinic' ) );
		$this->assertSame( 'SOMMAR', $widget->getAttribute( 'campaign' ) );
	}

	public function test_values_the_widget_does_not_know_are_left_out(): void {
		$widget = $this->element( do_shortcode( '[itb_booking view="admin" mode="iframe" locale="de" theme="neon"]' ) );
		foreach ( array( 'view', 'mode', 'locale', 'theme' ) as $name ) {
			$this->assertFalse( $widget->hasAttribute( $name ), $name );
		}
	}

	public function test_popup_mode_adds_a_button_that_opens_its_own_widget(): void {
		$html   = do_shortcode( '[itb_booking mode="popup" button="Boka tid"]' . '[itb_booking mode="popup"]' );
		$dom    = new DOMDocument();
		libxml_use_internal_errors( true );
		$dom->loadHTML( '<!doctype html><meta charset="utf-8"><body>' . $html . '</body>' );
		$buttons = $dom->getElementsByTagName( 'button' );
		$widgets = $dom->getElementsByTagName( 'itb-booking' );
		$this->assertSame( 2, $buttons->length );
		$this->assertSame( 'Boka tid', $buttons->item( 0 )->textContent );
		$this->assertSame( 'Book an appointment', $buttons->item( 1 )->textContent );
		for ( $i = 0; $i < 2; $i++ ) {
			$this->assertSame( 'button', $buttons->item( $i )->getAttribute( 'type' ) );
			$this->assertSame( $widgets->item( $i )->getAttribute( 'id' ), $buttons->item( $i )->getAttribute( 'data-itb-open' ) );
		}
		$this->assertNotSame( $widgets->item( 0 )->getAttribute( 'id' ), $widgets->item( 1 )->getAttribute( 'id' ) );
	}

	public function test_the_block_renders_the_same_widget_in_its_wrapper(): void {
		$html = do_blocks( '<!-- wp:itb-booking/booking {"clinic":"hs-bergen-sentrum","mode":"floating"} /-->' );
		$this->assertStringContainsString( 'wp-block-itb-booking-booking', $html );
		$widget = $this->element( $html );
		$this->assertSame( 'hs-bergen-sentrum', $widget->getAttribute( 'clinic' ) );
		$this->assertSame( 'floating', $widget->getAttribute( 'mode' ) );
	}

	public function test_without_a_bff_url_visitors_see_nothing_and_administrators_a_note(): void {
		delete_option( ItbBooking\OPTION );
		$this->assertSame( '', do_shortcode( '[itb_booking]' ) );
		$admins = get_users( array( 'role' => 'administrator', 'number' => 1 ) );
		wp_set_current_user( $admins[0]->ID );
		$note = do_shortcode( '[itb_booking]' );
		$this->assertStringContainsString( 'options-general.php?page=itb-booking', $note );
		$this->assertStringNotContainsString( '<itb-booking', $note );
	}
}
