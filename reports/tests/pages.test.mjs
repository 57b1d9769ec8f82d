// The figures that the browser test looks for come from the report, not from
// the site: the number in each of them stands in the report's text (bron/),
// and a figure with a bounding word ("ruim 8.000") stands there with it, up to
// the words the report puts between them ("rond de € 364 miljoen").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PAGES } from './pages.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bron = join(root, 'bron');
const report = readdirSync(bron)
	.filter((name) => name.endsWith('.txt'))
	.map((name) => readFileSync(join(bron, name), 'utf8'))
	.join('\n')
	.replace(/\s+/g, ' ');

const NUMBER = /\d[\d.,]*%?/;
const BOUNDING = ['ruim', 'bijna', 'ongeveer', 'circa', 'rond', 'minder dan', "zo'n"];

for (const page of PAGES) {
	for (const figure of [...page.figures, ...(page.tooltip?.figures ?? [])].filter((text) => NUMBER.test(text))) {
		test(`${page.path}: ${figure} is a figure of the report`, () => {
			const number = figure.match(NUMBER)[0];
			assert.ok(report.includes(` ${number}`), `${number} is not in the report`);
			const word = BOUNDING.find((bound) => figure.startsWith(`${bound} `));
			if (word) {
				const escaped = number.replace(/[.]/g, '\\.');
				const near = new RegExp(`${word} (\\S+ ){0,2}${escaped}`);
				assert.ok(near.test(report), `"${word} … ${number}" is not in the report`);
			}
		});
	}
}
