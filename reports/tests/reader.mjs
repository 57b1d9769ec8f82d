// What a member of the public reads on a page of the site, and the checks
// the browser test holds it to:
// - no trace of the workshop: no code in snake_case, no cell key
//   (asielinstroom/2/vorig_jaar), no file name or path, no schema.table
//   name, no tool word, in the page's text, in any row of its tables (also
//   those on a later page of a paged table) or in what its charts draw and
//   name (axis labels, categories, series, titles);
// - every label a chart draws stands in full inside the chart: measured
//   through ECharts' own API (the texts its renderer draws, with their
//   rectangles), since the charts draw on a canvas; a category label the
//   chart skips or cuts off ("…") fails;
// - no value axis mixes percent and percentage points;
// - no table column empty in every row;
// - every table states its order (`sort=` on a shown column: the header
//   shows the arrow) and its rows follow it.

// Patterns of the workshop: general forms, not today's strings.
export const WORKSHOP = [
	['code in snake_case', /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/],
	['cell key', /\b[\w-]+\/\d+\/[\w-]+/],
	['path', /\b[\w.-]+\/[\w.-]+\/[\w.-]*/],
	['file name', /\b[\w-]+\.(?:csv|duckdb|db|sql|parquet|json|ya?ml|md|py|mjs|js|txt|html|svelte)\b/i],
	['schema.table name', /\b[a-z][a-z0-9_]*\.[a-z_][a-z0-9_]{2,}\b/],
	[
		'tool word',
		/\b(?:dbt|duckdb|sql|sqlfluff|jinja|npm|node|pytest|python|evidence|seeds?|marts?|schema|warehouse|build|query|queries|analyses|makefile)\b/i
	]
];

// Every match of the patterns in a text, with the words around it.
export function workshopTraces(where, text) {
	const found = [];
	for (const [kind, pattern] of WORKSHOP) {
		const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
		for (const match of String(text).matchAll(global)) {
			const around = String(text).slice(Math.max(0, match.index - 30), match.index + match[0].length + 30);
			found.push(`${where}: ${kind} "${match[0]}" in …${around.replace(/\s+/g, ' ')}…`);
		}
	}
	return found;
}

// Read in the page: every chart's size, the texts its renderer draws (each
// with its rectangle in the chart's own pixels, lines of one label joined),
// its axes (type, name, categories), series names and titles. Evidence keeps
// every chart it makes in a registry on window; ECharts gives the rest.
export function readCharts() {
	const registry = window[Symbol.for('__evidence-chart-window-debug__')] ?? {};
	const charts = Object.values(registry).filter(
		(chart) => chart && !chart.isDisposed() && document.body.contains(chart.getDom())
	);
	return charts.map((chart) => {
		const option = chart.getOption() ?? {};
		const labels = new Map();
		for (const element of chart.getZr().storage.getDisplayList(true)) {
			const text = element.style?.text;
			if (typeof text !== 'string' || text.trim() === '' || element.invisible || element.ignore) continue;
			const rect = element.getBoundingRect().clone();
			if (element.transform) rect.applyTransform(element.transform);
			const owner = element.parent ?? element;
			const label = labels.get(owner) ?? { lines: [], x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
			label.lines.push(text);
			label.x0 = Math.min(label.x0, rect.x);
			label.y0 = Math.min(label.y0, rect.y);
			label.x1 = Math.max(label.x1, rect.x + rect.width);
			label.y1 = Math.max(label.y1, rect.y + rect.height);
			labels.set(owner, label);
		}
		const name = (value) => (value !== null && typeof value === 'object' ? value.value : value);
		return {
			width: chart.getWidth(),
			height: chart.getHeight(),
			drawn: [...labels.values()].map(({ lines, x0, y0, x1, y1 }) => ({
				text: lines.join(' ').replace(/\s+/g, ' ').trim(),
				x0,
				y0,
				x1,
				y1
			})),
			axes: [...(option.xAxis ?? []), ...(option.yAxis ?? [])].map((axis) => ({
				type: axis.type,
				name: axis.name ?? '',
				categories: (axis.data ?? []).map((value) => String(name(value)))
			})),
			series: (option.series ?? []).map((series) => series.name).filter((value) => typeof value === 'string'),
			titles: (option.title ?? []).map((title) => title.text).filter(Boolean)
		};
	});
}

// The texts of the charts that a reader sees or hovers over.
export function chartTexts(charts) {
	return charts.flatMap((chart) => [
		...chart.drawn.map(({ text }) => text),
		...chart.axes.flatMap((axis) => [axis.name, ...axis.categories]),
		...chart.series,
		...chart.titles
	]);
}

// Labels cut off: a drawn text outside the chart's rectangle (the canvas
// clips it), a text ECharts shortened with an ellipsis, a category the chart
// does not draw in full (skipped to avoid overlap, or shortened).
export function clippedLabels(charts) {
	const found = [];
	charts.forEach((chart, index) => {
		for (const label of chart.drawn) {
			const outside =
				label.x0 < -1 || label.y0 < -1 || label.x1 > chart.width + 1 || label.y1 > chart.height + 1;
			if (outside) {
				found.push(
					`chart ${index + 1}: "${label.text}" drawn at x ${Math.round(label.x0)}..${Math.round(label.x1)},` +
						` y ${Math.round(label.y0)}..${Math.round(label.y1)} outside ${chart.width} x ${chart.height}`
				);
			}
			if (/(?:\.\.\.|…)$/.test(label.text)) found.push(`chart ${index + 1}: "${label.text}" shortened`);
		}
		const drawn = new Set(chart.drawn.map(({ text }) => text));
		for (const axis of chart.axes.filter(({ type }) => type === 'category')) {
			for (const category of axis.categories) {
				const text = category.replace(/\s+/g, ' ').trim();
				if (!drawn.has(text)) found.push(`chart ${index + 1}: category "${text}" not drawn in full`);
			}
		}
	});
	return found;
}

// A chart whose axis title (an axis name, or a title Evidence draws beside
// the axis) names both percent and percentage points: one axis, two units.
export function mixedUnits(charts) {
	const points = /procentpunt\w*|percentage points?/i;
	const withoutPoints = (text) => text.replace(new RegExp(points.source, 'gi'), '');
	return charts.flatMap((chart, index) =>
		[...chart.axes.map(({ name }) => name), ...chart.drawn.map(({ text }) => text)]
			.filter((text) => points.test(text) && /%|procent|percent/i.test(withoutPoints(text)))
			.map((text) => `chart ${index + 1}: "${text}" puts percent and percentage points on one axis`)
	);
}

// Columns of a table that are empty in every row.
export function emptyColumns(table) {
	return table.header.filter((_, column) => table.rows.every((row) => row[column] === ''));
}

// A cell as a number when it is one in Dutch notation (1.118, -7,3%, ruim
// 3.000 fte, € 382 miljoen: a bounding word before it, a unit after it),
// else null.
function dutchNumber(text) {
	const match = String(text).match(
		/^(?:[a-z'’]+(?: [a-z]+)? )?([-+]?)(?:€ ?)?(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?:%| [a-z.]+)?$/i
	);
	if (!match) return null;
	return Number(`${match[1]}${match[2].replace(/\./g, '').replace(',', '.')}`);
}

// Whether the cells of a column follow a direction: as numbers when every
// filled cell is one, else as text (lower case, as the table sorts).
export function outOfOrder(cells, descending) {
	const filled = cells.filter((cell) => cell !== '');
	const numeric = filled.every((cell) => dutchNumber(cell) !== null);
	const key = (cell) => (numeric ? dutchNumber(cell) : cell.toLowerCase());
	for (let i = 1; i < filled.length; i += 1) {
		const [a, b] = [key(filled[i - 1]), key(filled[i])];
		if (descending ? a < b : a > b) return `"${filled[i - 1]}" before "${filled[i]}"`;
	}
	return null;
}
