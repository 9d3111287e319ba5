/** The test id of the Agreement view's CSV button, which the palette's "Export the agreement table as CSV" presses. */
export const AGREEMENT_CSV_BUTTON = 'agreement-csv';
