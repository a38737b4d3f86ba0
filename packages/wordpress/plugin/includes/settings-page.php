<?php
/**
 * Settings → ITB Booking: the option's form (Settings API: `manage_options`, nonce and the
 * sanitiser come with it) and "Test connection", which asks the BFF from this server.
 *
 * @package ItbBooking
 */

namespace ItbBooking;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

const SETTINGS_PAGE          = 'itb-booking';
const TEST_CONNECTION_ACTION = 'itb_booking_test_connection';

function add_settings_page(): void {
	add_options_page(
		__( 'ITB Booking', 'itb-booking' ),
		__( 'ITB Booking', 'itb-booking' ),
		'manage_options',
		SETTINGS_PAGE,
		__NAMESPACE__ . '\\render_settings_page'
	);
}

/**
 * A "Settings" link beside Deactivate on the Plugins screen.
 *
 * @param array<string,string> $links The plugin's action links.
 * @return array<string,string>
 */
function add_settings_link( array $links ): array {
	$url = admin_url( 'options-general.php?page=' . SETTINGS_PAGE );
	return array_merge( array( 'settings' => '<a href="' . esc_url( $url ) . '">' . esc_html__( 'Settings', 'itb-booking' ) . '</a>' ), $links );
}

/** The transient that carries one user's test result across the redirect back to the page. */
function connection_result_key(): string {
	return 'itb_booking_connection_' . get_current_user_id();
}

/** admin-post.php?action=itb_booking_test_connection: check, remember the answer, go back. */
function handle_test_connection(): void {
	if ( ! current_user_can( 'manage_options' ) ) {
		wp_die( esc_html__( 'You are not allowed to manage these settings.', 'itb-booking' ), 403 );
	}
	check_admin_referer( TEST_CONNECTION_ACTION );
	set_transient( connection_result_key(), check_connection(), 60 );
	wp_safe_redirect( admin_url( 'options-general.php?page=' . SETTINGS_PAGE ) );
	exit;
}

/** The last test's answer as an admin notice, once. */
function render_connection_result(): void {
	$result = get_transient( connection_result_key() );
	if ( ! is_array( $result ) ) {
		return;
	}
	delete_transient( connection_result_key() );
	printf(
		'<div class="notice %s is-dismissible" role="status"><p>%s</p></div>',
		$result['ok'] ? 'notice-success' : 'notice-error',
		esc_html( (string) $result['message'] )
	);
}

function render_settings_page(): void {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	$settings  = settings();
	$name      = static fn ( string $key ): string => OPTION . '[' . $key . ']';
	$languages = array(
		''   => __( 'The site’s language', 'itb-booking' ),
		'sv' => 'Svenska',
		'nb' => 'Norsk bokmål',
		'da' => 'Dansk',
		'fi' => 'Suomi',
		'en' => 'English',
	);
	?>
	<div class="wrap">
		<h1><?php echo esc_html( get_admin_page_title() ); ?></h1>
		<?php render_connection_result(); ?>
		<form action="<?php echo esc_url( admin_url( 'options.php' ) ); ?>" method="post">
			<?php settings_fields( 'itb_booking' ); ?>
			<table class="form-table" role="presentation">
				<tr>
					<th scope="row"><label for="itb-booking-bff-url"><?php esc_html_e( 'BFF URL', 'itb-booking' ); ?></label></th>
					<td>
						<input type="text" class="regular-text code" id="itb-booking-bff-url" name="<?php echo esc_attr( $name( 'bff_url' ) ); ?>" value="<?php echo esc_attr( $settings['bff_url'] ); ?>" placeholder="/booking-api" aria-describedby="itb-booking-bff-url-help">
						<p class="description" id="itb-booking-bff-url-help"><?php esc_html_e( 'Where the ITB Booking BFF answers. Best under this site’s own domain, e.g. /booking-api; or a full address such as https://booking.example.com/booking-api.', 'itb-booking' ); ?></p>
					</td>
				</tr>
				<tr>
					<th scope="row"><label for="itb-booking-locale"><?php esc_html_e( 'Default language', 'itb-booking' ); ?></label></th>
					<td>
						<select id="itb-booking-locale" name="<?php echo esc_attr( $name( 'locale' ) ); ?>">
							<?php foreach ( $languages as $value => $label ) : ?>
								<option value="<?php echo esc_attr( $value ); ?>" <?php selected( $settings['locale'], $value ); ?>><?php echo esc_html( $label ); ?></option>
							<?php endforeach; ?>
						</select>
						<p class="description"><?php esc_html_e( 'A block or shortcode can choose another.', 'itb-booking' ); ?></p>
					</td>
				</tr>
				<tr>
					<th scope="row"><label for="itb-booking-terms-url"><?php esc_html_e( 'Booking terms URL', 'itb-booking' ); ?></label></th>
					<td>
						<input type="url" class="regular-text code" id="itb-booking-terms-url" name="<?php echo esc_attr( $name( 'terms_url' ) ); ?>" value="<?php echo esc_attr( $settings['terms_url'] ); ?>" placeholder="https://">
						<p class="description"><?php esc_html_e( 'The terms patients accept before they book; linked from the review step.', 'itb-booking' ); ?></p>
					</td>
				</tr>
				<tr>
					<th scope="row"><?php esc_html_e( 'Widget script', 'itb-booking' ); ?></th>
					<td>
						<fieldset>
							<legend class="screen-reader-text"><?php esc_html_e( 'Widget script', 'itb-booking' ); ?></legend>
							<label><input type="radio" name="<?php echo esc_attr( $name( 'script_source' ) ); ?>" value="bundled" <?php checked( $settings['script_source'], 'bundled' ); ?>>
								<?php
								/* translators: %s: the widget's version number. */
								echo esc_html( sprintf( __( 'The copy inside the plugin (version %s)', 'itb-booking' ), bundled_widget_version() ) );
								?>
							</label><br>
							<label><input type="radio" name="<?php echo esc_attr( $name( 'script_source' ) ); ?>" value="url" <?php checked( $settings['script_source'], 'url' ); ?>>
								<?php esc_html_e( 'From this URL (the widget’s classic build, itb-booking.iife.js):', 'itb-booking' ); ?>
							</label>
							<input type="url" class="regular-text code" name="<?php echo esc_attr( $name( 'script_url' ) ); ?>" value="<?php echo esc_attr( $settings['script_url'] ); ?>" aria-label="<?php esc_attr_e( 'Widget script URL', 'itb-booking' ); ?>" placeholder="https://">
						</fieldset>
					</td>
				</tr>
			</table>
			<?php submit_button(); ?>
		</form>

		<h2><?php esc_html_e( 'Test connection', 'itb-booking' ); ?></h2>
		<p>
			<?php
			/* translators: %s: the site's origin, e.g. https://clinic.example. */
			echo esc_html( sprintf( __( 'Asks the BFF, from this server and with this site’s origin (%s), whether it allows this site and is ready. Save your changes first.', 'itb-booking' ), site_origin() ) );
			?>
		</p>
		<form action="<?php echo esc_url( admin_url( 'admin-post.php' ) ); ?>" method="post">
			<input type="hidden" name="action" value="<?php echo esc_attr( TEST_CONNECTION_ACTION ); ?>">
			<?php wp_nonce_field( TEST_CONNECTION_ACTION ); ?>
			<?php submit_button( __( 'Test connection', 'itb-booking' ), 'secondary', 'itb-booking-test-connection', false ); ?>
		</form>
	</div>
	<?php
}
