// The /teman page (demo/build/brand-looks.js) shows three widgets at once. Each is a region named
// "Onlinebokning"; three regions of one name cannot be told apart by a screen reader, so each widget
// gets the name in its data-label through the `strings` property, as a page with several widgets would.
for (const widget of document.querySelectorAll('itb-booking[data-label]')) {
  widget.strings = { sv: { common: { widgetLabel: widget.dataset.label } } };
}
