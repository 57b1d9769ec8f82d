// Browser test of the built report site (reports/build/): serve it on
// 127.0.0.1 under the base path it was built for (`make report-test` builds
// it under one), open every page in headless Chromium (Debian's package,
// driven by playwright-core) and assert that
// - figures of the report stand on the page they belong to,
// - every chart rendered a canvas with something drawn on it,
// - no query failed and the page logged no error,
// - every page and asset loaded from inside the base path, and every link
//   between pages keeps it,
// - every table offers its rows as CSV, and the file holds the table's
//   columns and rows as the page's SQL gives them on the warehouse,
// - the page asked no host other than 127.0.0.1,
// - a member of the public reads no trace of the workshop, every chart label
//   in full, no axis mixing percent and percentage points, no empty column,
//   every table in the order it states (reader.mjs).
// A screenshot of every page goes to reports/screenshots/.
// Run: node --test tests/site.test.mjs (after `npm run build`); with
// BASE_PATH set, the build must be for that base path.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { PAGES } from './pages.mjs';
import { openWarehouse, pageTables, parseCsv } from './warehouse.mjs';
import {
	chartTexts,
	clippedLabels,
	emptyColumns,
	mixedUnits,
	outOfOrder,
	readCharts,
	workshopTraces
} from './reader.mjs';

const reports = join(dirname(fileURLToPath(import.meta.url)), '..');
const build = join(reports, 'build');
const screenshots = join(reports, 'screenshots');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const WAIT_MS = 45_000;

// What Evidence prints in place of a component whose query failed or
// returned nothing; and years shown as numbers (integers arrive in the
// browser as doubles: 2011.0, or 2,011 in the library's notation).
const FAILURE_TEXTS = [
	/\bError\b/,
	/No Results/i,
	/Dataset is empty/i,
	/Missing required/i,
	/\b20[0-2]\d\.0\b/,
	/\b2,0[0-2]\d\b/
];
// A number in the library's en notation (1,118 or 28,900.00) in a table cell: the
// tables write thousands with a dot, and no figure of the report has three
// decimals. (The English subtitles may write 8,000.)
const EN_NOTATION = /\b\d{1,3}(?:,\d{3})+\b/;

let server;
let browser;
let warehouse;

// A page of the site that a link or a request on 127.0.0.1 names ('/' for the
// start page), or null when it lies outside the base path.
function sitePath(url) {
	const { pathname } = new URL(url);
	if (!server.inside(pathname)) return null;
	return pathname.slice(server.base.length).replace(/\/$/, '') || '/';
}

// Rows in a fixed order, to compare two lists of rows whatever their order.
function sorted(records) {
	return records.map((record) => JSON.stringify(record)).sort();
}

before(async () => {
	mkdirSync(screenshots, { recursive: true });
	server = await serve(build);
	warehouse = await openWarehouse();
	browser = await chromium.launch({
		executablePath,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync'
		]
	});
});

after(async () => {
	await browser?.close();
	await server?.close();
	warehouse?.close();
});

test('the site is built for the base path asked for', { skip: process.env.BASE_PATH === undefined }, () => {
	assert.equal(server.base, process.env.BASE_PATH, 'the base path of reports/build (its links to _app/)');
});

// A link between pages, followed in the browser, stays under the base path:
// the link to page `to` (its title) opens that page, with its first figure.
async function followLink(tab, to) {
	const target = PAGES.find(({ path }) => path === to);
	await tab.locator('article a', { hasText: target.title }).first().click();
	// (Evidence's pages end in a slash once opened: SvelteKit's trailingSlash 'always')
	await tab.waitForURL((url) => sitePath(url.href) === to, { timeout: WAIT_MS });
	await tab.waitForFunction((text) => document.body.innerText.includes(text), target.figures[0], { timeout: WAIT_MS });
	assert.equal((await tab.textContent('h1'))?.trim(), target.title, `the page the link to ${to} opens`);
}

// Hovering a bar shows its figures in Dutch notation too: the page's first
// chart is hovered from top to bottom; one tooltip must name the series with
// its figures, none may show en notation.
async function checkTooltips(tab, tooltip, path) {
	const chart = tab.locator('[_echarts_instance_]').first();
	await chart.scrollIntoViewIfNeeded();
	const box = await chart.boundingBox();
	const tooltips = new Set();
	for (let y = box.y + 5; y < box.y + box.height; y += 8) {
		await tab.mouse.move(box.x + box.width / 2, y);
		const shown = await tab.evaluate(() =>
			[...document.querySelectorAll('span#tooltip')]
				.map((title) => title.parentElement)
				.filter((tip) => tip && getComputedStyle(tip).display !== 'none' && getComputedStyle(tip).opacity !== '0')
				.map((tip) => tip.innerText.replace(/\s+/g, ' ').trim())
		);
		shown.forEach((tip) => tooltips.add(tip));
	}
	const seen = [...tooltips];
	assert.ok(
		seen.some((tip) => tip.includes(tooltip.series) && tooltip.figures.every((figure) => tip.includes(figure))),
		`no tooltip on ${path} with ${tooltip.series} ${tooltip.figures.join(' / ')}; seen: ${JSON.stringify(seen)}`
	);
	assert.deepEqual(
		seen.filter((tip) => /\d,\d{3}\b/.test(tip)),
		[],
		`tooltips on ${path} in en notation`
	);
}

for (const page of PAGES) {
	test(`${page.path}: ${page.title}`, async () => {
		const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
		const foreign = [];
		const outside = [];
		const errors = [];
		await context.route('**/*', (route) => {
			const url = new URL(route.request().url());
			if (url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
			if (url.hostname === '127.0.0.1') {
				if (sitePath(url.href) === null) outside.push(url.pathname);
				return route.continue();
			}
			foreign.push(url.href);
			return route.abort();
		});
		const tab = await context.newPage();
		tab.on('console', (message) => {
			if (message.type() === 'error') errors.push(`console: ${message.text()}`);
		});
		tab.on('pageerror', (error) => errors.push(`page: ${error.message}`));
		// Evidence aborts its own look-ups of prerendered query results when the
		// page's queries run in the browser (net::ERR_ABORTED): not a failure.
		tab.on('requestfailed', (request) => {
			const reason = request.failure()?.errorText;
			if (new URL(request.url()).hostname === '127.0.0.1' && reason !== 'net::ERR_ABORTED') {
				errors.push(`request failed (${reason}): ${request.url()}`);
			}
		});
		tab.on('response', (response) => {
			if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
		});

		try {
			await tab.goto(`${server.url}${page.path}`, { waitUntil: 'networkidle' });
			await tab.waitForSelector('h1, h2', { timeout: WAIT_MS });

			// Figures appear once DuckDB-Wasm has run the page's queries.
			const missing = [];
			for (const figure of [...page.figures, ...(page.derived ?? [])]) {
				try {
					await tab.waitForFunction((text) => document.body.innerText.includes(text), figure, {
						timeout: WAIT_MS
					});
				} catch {
					missing.push(figure);
				}
			}

			// Every chart: an ECharts container holding a canvas with pixels drawn.
			await tab.waitForFunction(
				(count) => document.querySelectorAll('[_echarts_instance_] canvas').length >= count,
				page.charts,
				{ timeout: WAIT_MS }
			).catch(() => {});
			await tab.waitForTimeout(1500); // chart animation
			const charts = await tab.evaluate(() =>
				[...document.querySelectorAll('[_echarts_instance_]')].map((chart) => {
					const canvas = chart.querySelector('canvas');
					if (!canvas || canvas.width === 0 || canvas.height === 0) return 0;
					const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
					let drawn = 0;
					for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) drawn += 1;
					return drawn;
				})
			);

			const text = await tab.evaluate(() => document.body.innerText);
			const failures = FAILURE_TEXTS.map((pattern) => [pattern, text.match(pattern)])
				.filter(([, match]) => match)
				.map(([pattern, match]) => `${pattern}: …${text.slice(Math.max(0, match.index - 40), match.index + 40)}…`);
			const cells = await tab.evaluate(() => [...document.querySelectorAll('td')].map((cell) => cell.innerText.trim()));
			const enNotation = cells.filter((cell) => EN_NOTATION.test(cell));
			const heading = await tab.textContent('h1');
			const pagePaths = PAGES.map(({ path }) => path);
			const links = await tab.evaluate(() => [...document.querySelectorAll('a[href]')].map((link) => link.href));
			const strayLinks = links.filter(
				(href) => new URL(href).hostname === '127.0.0.1' && !pagePaths.includes(sitePath(href))
			);

			await tab.screenshot({ path: join(screenshots, `${page.name}.png`), fullPage: true });

			// Every table the page declares whose query has rows is shown, and
			// offers a download (on hover) of exactly its columns and rows.
			const tables = [];
			for (const table of pageTables(page.path).tables) {
				const expected = await warehouse.table(page.path, table.query, table.columns);
				if (expected.rows.length > 0) tables.push({ query: table.query, sort: table.sort, ...expected });
			}

			// What a member of the public reads: the page's text, every row of
			// its tables, what its charts draw and name.
			const drawnCharts = await tab.evaluate(readCharts);
			const workshop = [
				...workshopTraces('text', text),
				...tables.flatMap((table) =>
					table.rows.flatMap((row) => row.flatMap((cell) => workshopTraces(`table ${table.query}`, cell)))
				),
				...chartTexts(drawnCharts).flatMap((label) => workshopTraces('chart', label))
			];
			const clipped = clippedLabels(drawnCharts);
			const mixed = mixedUnits(drawnCharts);
			const empty = tables.flatMap((table) => emptyColumns(table).map((column) => `${table.query}: ${column}`));
			const unordered = [];
			const shown = tab.locator('[data-testid^="DataTable-"]');
			const shownQueries = await shown.evaluateAll((nodes) =>
				nodes.map((node) => node.dataset.testid.slice('DataTable-'.length))
			);
			assert.deepEqual(shownQueries, tables.map(({ query }) => query), `tables on ${page.path}`);
			for (const [index, table] of tables.entries()) {
				const column = table.sort ? table.header.indexOf(table.sort.column) : -1;
				if (column === -1) {
					unordered.push(`${table.query}: states no order on a column it shows (sort=)`);
				} else {
					const cells = await shown
						.nth(index)
						.locator('tbody tr')
						.evaluateAll((rows, at) => rows.map((row) => row.querySelectorAll('td')[at]?.innerText.trim() ?? ''), column);
					const wrong = outOfOrder(cells, table.sort.descending);
					if (wrong) unordered.push(`${table.query}: not in the order of ${table.sort.column}: ${wrong}`);
				}
				await shown.nth(index).hover();
				const [download] = await Promise.all([
					tab.waitForEvent('download', { timeout: 10_000 }),
					shown.nth(index).getByRole('button', { name: 'Download' }).click({ timeout: 10_000 })
				]);
				const [header, ...rows] = parseCsv(readFileSync(await download.path(), 'utf8'));
				assert.deepEqual(header, table.header, `columns of the CSV of ${table.query} on ${page.path}`);
				assert.deepEqual(sorted(rows), sorted(table.rows), `rows of the CSV of ${table.query} on ${page.path}`);
			}

			// (one assertion, so that a failure lists every kind at once)
			assert.deepEqual(
				{ workshop, clipped, mixed, empty, unordered },
				{ workshop: [], clipped: [], mixed: [], empty: [], unordered: [] },
				`on ${page.path}: traces of the workshop, chart labels cut off, percent and percentage points` +
					' on one axis, table columns empty in every row, tables without a stated order'
			);
			assert.deepEqual(missing, [], `figures not on ${page.path}`);
			assert.equal(charts.length, page.charts, `charts on ${page.path}`);
			assert.deepEqual(
				charts.filter((drawn) => drawn < 1000),
				[],
				`a chart canvas on ${page.path} is (nearly) empty: pixels drawn ${charts.join(', ')}`
			);
			assert.deepEqual(failures, [], `failure text on ${page.path}`);
			assert.deepEqual(enNotation, [], `table cells on ${page.path} with a number in en notation`);
			assert.deepEqual(foreign, [], `requests to other hosts than 127.0.0.1 from ${page.path}`);
			assert.deepEqual(outside, [], `requests outside the base path ${server.base} from ${page.path}`);
			assert.deepEqual(strayLinks, [], `links on ${page.path} to no page under the base path ${server.base}`);
			assert.deepEqual(errors, [], `errors on ${page.path}`);
			assert.equal(heading?.trim(), page.title, `title of ${page.path}`);

			// On the same tab: its first chart's tooltips, then (leaving the page) a link.
			if (page.tooltip) await checkTooltips(tab, page.tooltip, page.path);
			if (page.follows) await followLink(tab, page.follows);
		} finally {
			await context.close();
		}
	});
}
