// Chart numbers in Dutch notation (15.000, 0,5), like the tables: ECharts
// options for the value axis and the hover tooltip, passed to a chart as
// echartsOptions (with the category axis's labels in full). Evidence's own
// tooltip writes numbers in en notation.
const notatie = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });

export const nlGetal = (waarde) => (typeof waarde === 'number' ? notatie.format(waarde) : waarde);

const html = (tekst) =>
	String(tekst).replace(/[&<>"']/g, (teken) => `&#${teken.charCodeAt(0)};`);

// The tooltip of an axis-triggered chart: the category as title, then one
// line per series with its marker, name and value. With swapXY=true a data
// point is [value, category], otherwise [category, value].
export const tooltipNl = (swapXY) => (params) => {
	const punten = (Array.isArray(params) ? params : [params]).filter((p) => p.seriesName !== 'stackTotal');
	if (punten.length === 0) return '';
	const waardeVan = (p) => (Array.isArray(p.value) ? p.value[swapXY ? 0 : 1] : p.value);
	const categorie = Array.isArray(punten[0].value) ? punten[0].value[swapXY ? 1 : 0] : punten[0].name;
	const regels = punten.map(
		(p) =>
			`<br><span style='font-size: 11px;'>${p.marker} ${html(p.seriesName)}</span>` +
			`<span style='float:right; margin-left: 10px; font-size: 12px;'>${html(nlGetal(waardeVan(p)))}</span>`
	);
	return `<span id="tooltip" style='font-weight: 600;'>${html(categorie)}</span>${regels.join('')}`;
};

// A category label (a kind of request, a purpose of stay) is shown in full:
// every one of them (none skipped to avoid overlap), wrapped over more lines
// at a word when it is wider than this (beside horizontal bars; under
// upright bars, where the labels stand side by side, narrower), and the
// chart makes room for it.
const LABEL_WIDTH_PX = { beside: 240, under: 140 };
const LABEL_MARGIN_PX = 24;

// `as` is the value axis: 'yAxis' for upright bars, 'xAxis' for swapXY=true;
// the other is the category axis.
export const waardeAsNl = (as) => ({
	[as]: { axisLabel: { formatter: nlGetal } },
	[as === 'xAxis' ? 'yAxis' : 'xAxis']: {
		axisLabel: {
			interval: 0,
			hideOverlap: false,
			width: as === 'xAxis' ? LABEL_WIDTH_PX.beside : LABEL_WIDTH_PX.under,
			overflow: 'break'
		}
	},
	// Beside horizontal bars, room to the left of the labels: ECharts may
	// measure them before the page's font has loaded, a few pixels short.
	grid: as === 'xAxis' ? { containLabel: true, left: LABEL_MARGIN_PX } : { containLabel: true },
	tooltip: { formatter: tooltipNl(as === 'xAxis') }
});
