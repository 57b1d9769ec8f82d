// The DuckDB that Evidence's source plugin uses (@duckdb/node-api) must be
// the release the warehouse is built with (requirements.txt pins duckdb): an
// older release cannot read a newer storage format. It must open the
// published warehouse read-only and see the marts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { warehouse } from './warehouse.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function pinnedDuckdb() {
	const pin = readFileSync(join(root, 'requirements.txt'), 'utf8').match(/^duckdb==(\S+)$/m);
	assert.ok(pin, 'requirements.txt pins duckdb');
	return pin[1];
}

test('the Node driver is the pinned DuckDB release', async () => {
	const instance = await DuckDBInstance.create(':memory:');
	const connection = await instance.connect();
	const reader = await connection.runAndReadAll('select version() as version');
	const [{ version }] = reader.getRowObjectsJS();
	assert.equal(version.replace(/^v/, ''), pinnedDuckdb());
	connection.disconnectSync();
	instance.closeSync();
});

test('the Node driver reads the published warehouse read-only', async () => {
	const instance = await DuckDBInstance.create(warehouse, { access_mode: 'READ_ONLY' });
	const connection = await instance.connect();
	const reader = await connection.runAndReadAll('select count(*)::integer as n from marts.fact_aanvragen');
	assert.ok(reader.getRowObjectsJS()[0].n > 0);
	await assert.rejects(connection.run('create table marts.poging (x integer)'), /read-only/i);
	connection.disconnectSync();
	instance.closeSync();
});
