/**
 * The ITB Booking block in the editor: a sidebar where editors pick clinic, treatment and
 * practitioner by name (lists from the BFF, through the plugin's REST route) and a placeholder
 * that says what the page will show. Plain JavaScript on WordPress's own packages: no build step,
 * so what is in the plugin is what runs. The page itself is rendered by PHP (render.php).
 */
( function ( wp ) {
	const el = wp.element.createElement;
	const { useEffect, useState } = wp.element;
	const { InspectorControls, useBlockProps } = wp.blockEditor;
	const { Notice, PanelBody, Placeholder, SelectControl, Spinner, TextControl } = wp.components;
	const { __, sprintf } = wp.i18n;

	// One request per editor session, shared by every ITB Booking block on the page.
	let catalogRequest = null;
	function loadCatalog() {
		if ( catalogRequest === null ) {
			catalogRequest = wp.apiFetch( { path: '/itb-booking/v1/catalog' } );
			catalogRequest.catch( function () {
				catalogRequest = null; // the next block (or a reload of the sidebar) asks again
			} );
		}
		return catalogRequest;
	}

	function useCatalog() {
		const [ state, setState ] = useState( { status: 'loading' } );
		useEffect( function () {
			let current = true;
			loadCatalog().then(
				function ( catalog ) {
					if ( current ) setState( { status: 'ready', catalog: catalog } );
				},
				function ( error ) {
					if ( current ) setState( { status: 'error', message: ( error && error.message ) || __( 'The clinic list could not be loaded.', 'itb-booking' ) } );
				}
			);
			return function () {
				current = false;
			};
		}, [] );
		return state;
	}

	/** Options for a list, with "anyLabel" first; a saved id the BFF no longer lists stays selectable. */
	function optionsOf( items, anyLabel, saved ) {
		const options = [ { label: anyLabel, value: '' } ].concat(
			items.map( function ( item ) {
				return { label: item.name, value: item.id };
			} )
		);
		if ( saved && ! items.some( function ( item ) { return item.id === saved; } ) ) {
			/* translators: %s: an id the BFF no longer lists. */
			options.push( { label: sprintf( __( '%s (not offered now)', 'itb-booking' ), saved ), value: saved } );
		}
		return options;
	}

	function nameOf( items, id ) {
		const found = items.find( function ( item ) {
			return item.id === id;
		} );
		return found ? found.name : id;
	}

	function CatalogChoices( props ) {
		const { attributes, setAttributes, catalog } = props;
		const practitioners = catalog.practitioners.filter( function ( role ) {
			return ! attributes.clinic || role.clinics.indexOf( attributes.clinic ) !== -1;
		} );
		return [
			el( SelectControl, {
				key: 'clinic',
				label: __( 'Clinic', 'itb-booking' ),
				value: attributes.clinic,
				options: optionsOf( catalog.clinics, __( 'The patient chooses', 'itb-booking' ), attributes.clinic ),
				onChange: function ( clinic ) {
					setAttributes( { clinic: clinic, practitioner: '' } );
				},
			} ),
			el( SelectControl, {
				key: 'treatment',
				label: __( 'Treatment', 'itb-booking' ),
				value: attributes.treatment,
				options: optionsOf( catalog.treatments, __( 'The patient chooses', 'itb-booking' ), attributes.treatment ),
				onChange: function ( treatment ) {
					setAttributes( { treatment: treatment } );
				},
			} ),
			el( SelectControl, {
				key: 'practitioner',
				label: __( 'Practitioner', 'itb-booking' ),
				value: attributes.practitioner,
				options: optionsOf( practitioners, __( 'The patient chooses', 'itb-booking' ), attributes.practitioner ),
				onChange: function ( practitioner ) {
					setAttributes( { practitioner: practitioner } );
				},
			} ),
		];
	}

	/** Without the lists (BFF not set or not answering), ids can still be typed. */
	function IdFields( props ) {
		const { attributes, setAttributes, message } = props;
		return [
			el( Notice, { key: 'notice', status: 'warning', isDismissible: false }, message ),
			el( TextControl, { key: 'clinic', label: __( 'Clinic id', 'itb-booking' ), value: attributes.clinic, onChange: function ( clinic ) { setAttributes( { clinic: clinic } ); } } ),
			el( TextControl, { key: 'treatment', label: __( 'Treatment id', 'itb-booking' ), value: attributes.treatment, onChange: function ( treatment ) { setAttributes( { treatment: treatment } ); } } ),
			el( TextControl, { key: 'practitioner', label: __( 'Practitioner id', 'itb-booking' ), value: attributes.practitioner, onChange: function ( practitioner ) { setAttributes( { practitioner: practitioner } ); } } ),
		];
	}

	function Sidebar( props ) {
		const { attributes, setAttributes, catalog } = props;
		let choices;
		if ( catalog.status === 'loading' ) choices = el( Spinner, { key: 'spinner' } );
		else if ( catalog.status === 'error' ) choices = el( IdFields, { key: 'ids', attributes: attributes, setAttributes: setAttributes, message: catalog.message } );
		else choices = el( CatalogChoices, { key: 'choices', attributes: attributes, setAttributes: setAttributes, catalog: catalog.catalog } );

		return el(
			InspectorControls,
			null,
			el(
				PanelBody,
				{ title: __( 'Booking', 'itb-booking' ), initialOpen: true },
				choices,
				el( TextControl, {
					label: __( 'Campaign code', 'itb-booking' ),
					help: __( 'Applied from the start, as if the patient had typed it.', 'itb-booking' ),
					value: attributes.campaign,
					onChange: function ( campaign ) {
						setAttributes( { campaign: campaign } );
					},
				} ),
				el( SelectControl, {
					label: __( 'Show', 'itb-booking' ),
					value: attributes.view,
					options: [
						{ label: __( 'Booking', 'itb-booking' ), value: 'book' },
						{ label: __( 'My bookings', 'itb-booking' ), value: 'my-bookings' },
					],
					onChange: function ( view ) {
						setAttributes( { view: view } );
					},
				} ),
				el( SelectControl, {
					label: __( 'Language', 'itb-booking' ),
					value: attributes.locale,
					options: [
						{ label: __( 'The plugin’s default', 'itb-booking' ), value: '' },
						{ label: 'Svenska', value: 'sv' },
						{ label: 'Norsk bokmål', value: 'nb' },
						{ label: 'Dansk', value: 'da' },
						{ label: 'Suomi', value: 'fi' },
						{ label: 'English', value: 'en' },
					],
					onChange: function ( locale ) {
						setAttributes( { locale: locale } );
					},
				} )
			),
			el(
				PanelBody,
				{ title: __( 'Display', 'itb-booking' ), initialOpen: false },
				el( SelectControl, {
					label: __( 'Display', 'itb-booking' ),
					value: attributes.mode,
					options: [
						{ label: __( 'In the page', 'itb-booking' ), value: 'inline' },
						{ label: __( 'Popup, opened by a button here', 'itb-booking' ), value: 'popup' },
						{ label: __( 'Floating button at the bottom of the screen', 'itb-booking' ), value: 'floating' },
					],
					onChange: function ( mode ) {
						setAttributes( { mode: mode } );
					},
				} ),
				attributes.mode === 'popup'
					? el( TextControl, {
						label: __( 'Button text', 'itb-booking' ),
						help: __( 'Empty: “Book an appointment” in the site’s language.', 'itb-booking' ),
						value: attributes.button,
						onChange: function ( button ) {
							setAttributes( { button: button } );
						},
					} )
					: null,
				el( SelectControl, {
					label: __( 'Colours', 'itb-booking' ),
					value: attributes.theme,
					options: [
						{ label: __( 'Light', 'itb-booking' ), value: '' },
						{ label: __( 'Dark', 'itb-booking' ), value: 'dark' },
						{ label: __( 'Follow the visitor’s system', 'itb-booking' ), value: 'auto' },
					],
					onChange: function ( theme ) {
						setAttributes( { theme: theme } );
					},
				} )
			)
		);
	}

	/** What the page will show, in words, on the editor canvas. */
	function summary( attributes, catalog ) {
		if ( attributes.view === 'my-bookings' ) return __( 'The patient’s own bookings, to reschedule or cancel.', 'itb-booking' );
		const lists = catalog.status === 'ready' ? catalog.catalog : { clinics: [], treatments: [], practitioners: [] };
		const parts = [];
		/* translators: %s: clinic name. */
		if ( attributes.clinic ) parts.push( sprintf( __( 'Clinic: %s', 'itb-booking' ), nameOf( lists.clinics, attributes.clinic ) ) );
		/* translators: %s: treatment name. */
		if ( attributes.treatment ) parts.push( sprintf( __( 'Treatment: %s', 'itb-booking' ), nameOf( lists.treatments, attributes.treatment ) ) );
		/* translators: %s: practitioner name. */
		if ( attributes.practitioner ) parts.push( sprintf( __( 'Practitioner: %s', 'itb-booking' ), nameOf( lists.practitioners, attributes.practitioner ) ) );
		/* translators: %s: campaign code. */
		if ( attributes.campaign ) parts.push( sprintf( __( 'Campaign code: %s', 'itb-booking' ), attributes.campaign ) );
		return parts.length > 0 ? parts.join( ' · ' ) : __( 'Patients choose clinic, treatment and time.', 'itb-booking' );
	}

	wp.blocks.registerBlockType( 'itb-booking/booking', {
		title: __( 'ITB Booking', 'itb-booking' ),
		description: __( 'Online booking: patients choose clinic, treatment, practitioner and time, sign in and book.', 'itb-booking' ),
		edit: function ( props ) {
			const catalog = useCatalog();
			const blockProps = useBlockProps();
			return el(
				'div',
				blockProps,
				el( Sidebar, { attributes: props.attributes, setAttributes: props.setAttributes, catalog: catalog } ),
				el(
					Placeholder,
					{ icon: 'calendar-alt', label: __( 'ITB Booking', 'itb-booking' ), instructions: summary( props.attributes, catalog ) },
					catalog.status === 'loading' ? el( Spinner ) : null
				)
			);
		},
		// Rendered on the server: the markup always follows the plugin's current code and settings.
		save: function () {
			return null;
		},
	} );
} )( window.wp );
