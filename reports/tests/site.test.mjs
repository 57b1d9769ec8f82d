// Browser test of the built report site (reports/build/): serve it on
// 127.0.0.1, open every page in headless Chromium (Debian's package, driven
// by playwright-core) and assert that
// - figures of the report stand on the page they belong to,
// - every chart rendered a canvas with something drawn on it,
// - no query failed and the page logged no error,
// - the page asked no host other than 127.0.0.1.
// A screenshot of every page goes to reports/screenshots/.
// Run: node --test tests/site.test.mjs (after `npm run build`).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { PAGES } from './pages.mjs';

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

before(async () => {
	mkdirSync(screenshots, { recursive: true });
	server = await serve(build);
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
});

for (const page of PAGES) {
	test(`${page.path}: ${page.title}`, async () => {
		const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
		const foreign = [];
		const errors = [];
		await context.route('**/*', (route) => {
			const url = new URL(route.request().url());
			if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') {
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

			await tab.screenshot({ path: join(screenshots, `${page.name}.png`), fullPage: true });

			assert.deepEqual(missing, [], `figures not on ${page.path}`);
			assert.equal(charts.length, page.charts, `charts on ${page.path}`);
			assert.deepEqual(
				charts.filter((drawn) => drawn < 1000),
				[],
				`a chart canvas on ${page.path} is (nearly) empty: pixels drawn ${charts.join(', ')}`
			);
			assert.deepEqual(failures, [], `failure text on ${page.path}`);
			assert.deepEqual(enNotation, [], `table cells on ${page.path} with a number in en notation`);
			assert.deepEqual(errors, [], `errors on ${page.path}`);
			assert.deepEqual(foreign, [], `requests to other hosts than 127.0.0.1 from ${page.path}`);
			assert.equal(heading?.trim(), page.title, `title of ${page.path}`);
		} finally {
			await context.close();
		}
	});
}

// Hovering a bar shows its figures in Dutch notation too: the first chart of
// /regulier (mvv applications per purpose of stay) is hovered from top to
// bottom; one tooltip must name family formation with 2010's 33.150 and
// 2011's 28.900 (bron/ line 373), none may show en notation.
test('/regulier: chart tooltips in Dutch notation', async () => {
	const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
	try {
		const tab = await context.newPage();
		await tab.goto(`${server.url}/regulier`, { waitUntil: 'networkidle' });
		await tab.waitForSelector('[_echarts_instance_] canvas', { timeout: WAIT_MS });
		await tab.waitForTimeout(1500); // chart animation
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
			seen.some((tip) => tip.includes('Gezinsvorming') && tip.includes('33.150') && tip.includes('28.900')),
			`no tooltip with Gezinsvorming 33.150 / 28.900; seen: ${JSON.stringify(seen)}`
		);
		assert.deepEqual(
			seen.filter((tip) => /\d,\d{3}\b/.test(tip)),
			[],
			'tooltips in en notation'
		);
	} finally {
		await context.close();
	}
});
