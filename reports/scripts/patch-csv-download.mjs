// A table's Download button writes its rows as CSV with export-to-csv
// (0.2.1), which writes an empty value (SQL NULL) as the text `null`. This
// writes it as an empty field, as DuckDB's own CSV export does, so that a
// downloaded table holds the figures as the warehouse holds them. The site's
// bundle takes the library from node_modules when `evidence build` runs.
import { patch } from './patch.mjs';

patch(
	'export-to-csv/build/export-to-csv.js',
	'ExportToCsv.prototype._formatData = function (data) {\n',
	'ExportToCsv.prototype._formatData = function (data) {\n        if (data === null || data === undefined) return ""; // ind: NULL as an empty field\n'
);
console.log('export-to-csv: an empty value is an empty field');
