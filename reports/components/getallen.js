// Chart numbers in Dutch notation (15.000, 0,5), like the tables: ECharts
// options for the value axis and the hover tooltip, passed to a chart as
// echartsOptions. Evidence's own tooltip writes numbers in en notation.
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

// `as` is the value axis: 'yAxis' for upright bars, 'xAxis' for swapXY=true.
export const waardeAsNl = (as) => ({
	[as]: { axisLabel: { formatter: nlGetal } },
	tooltip: { formatter: tooltipNl(as === 'xAxis') }
});
