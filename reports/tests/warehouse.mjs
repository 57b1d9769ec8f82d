// The published warehouse as the tests read it, with the Node driver: its
// path, and the rows of a table of the site as the page's own SQL gives them
// on the warehouse itself, without the site's build (its Parquet copies of the
// source queries, DuckDB-Wasm in the browser). A page's SQL reads the source
// `warehouse`, whose tables are the queries of analyses/; here each is made
// from its analysis on the attached warehouse file.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pages = join(root, 'reports', 'pages');
const analyses = join(root, 'analyses');

export const warehouse = resolve(root, process.env.IND_WAREHOUSE ?? join('warehouse', 'ind.duckdb'));

// The markdown file of a page of the site ('/' is index.md).
export function pageFile(path) {
	return join(pages, `${path === '/' ? 'index' : path.slice(1)}.md`);
}

// The page's named queries (```sql name … ```) and its tables: the query each
// DataTable shows, the columns it declares, in order, and the order it
// states (`sort=column` or `sort="column desc"`: column and direction).
export function pageTables(path) {
	const file = pageFile(path);
	const markdown = readFileSync(file, 'utf8');
	const queries = new Map([...markdown.matchAll(/```sql (\w+)\n([\s\S]*?)```/g)].map(([, name, sql]) => [name, sql]));
	const tables = [...markdown.matchAll(/<DataTable\b([^>]*?)(\/>|>([\s\S]*?)<\/DataTable>)/g)].map(([tag, attributes, , body]) => {
		const query = attributes.match(/\bdata=\{(\w+)\}/)?.[1];
		if (!queries.has(query)) throw new Error(`${file}: ${tag.split('\n')[0]} shows no query of the page`);
		const sort = attributes.match(/\bsort=(?:"(\w+)(?: (asc|desc))?"|'(\w+)(?: (asc|desc))?'|(\w+))/);
		return {
			query,
			columns: [...(body ?? '').matchAll(/<Column\s+id=["']?(\w+)/g)].map(([, id]) => id),
			sort: sort ? { column: sort[1] ?? sort[3] ?? sort[5], descending: (sort[2] ?? sort[4]) === 'desc' } : null
		};
	});
	return { file, queries, tables };
}

// A query with the page's queries it reads (${name}) written in, as Evidence does.
function expand(queries, name, seen = []) {
	if (seen.includes(name)) throw new Error(`query ${name} reads itself: ${[...seen, name].join(' -> ')}`);
	return queries.get(name).replace(/\$\{(\w+)\}/g, (_, inner) => `(${expand(queries, inner, [...seen, name])})`);
}

// A value as a downloaded CSV writes it: empty for NULL.
export function csvText(value) {
	return value === null || value === undefined ? '' : String(value);
}

// Open the warehouse read-only; table(path, query, columns) runs a page's
// query on it and returns the header (the given columns, or all of the query's)
// and every row's values of them, as CSV text.
export async function openWarehouse() {
	const instance = await DuckDBInstance.create(':memory:');
	const connection = await instance.connect();
	await connection.run(`attach '${warehouse.replaceAll("'", "''")}' as ind (read_only)`);
	await connection.run('create schema memory.warehouse');
	const made = new Set();

	async function sourceTable(name) {
		if (made.has(name)) return;
		const analysis = readFileSync(join(analyses, `${name}.sql`), 'utf8').trim().replace(/;$/, '');
		await connection.run('use ind');
		await connection.run(`create table memory.warehouse.${name} as\n${analysis}\n`);
		made.add(name);
	}

	return {
		async table(path, query, columns) {
			const sql = expand(pageTables(path).queries, query);
			for (const [, name] of sql.matchAll(/\bwarehouse\.(\w+)/g)) await sourceTable(name);
			await connection.run('use memory');
			const reader = await connection.runAndReadAll(sql);
			const header = columns.length > 0 ? columns : reader.columnNames();
			return { header, rows: reader.getRowObjectsJS().map((row) => header.map((name) => csvText(row[name]))) };
		},
		close() {
			connection.disconnectSync();
			instance.closeSync();
		}
	};
}

// The records of a CSV text (RFC 4180: quoted fields, "" for a quote; a
// byte order mark at the start is dropped).
export function parseCsv(text) {
	const records = [];
	let record = [];
	let field = '';
	let quoted = false;
	const source = text.replace(/^\uFEFF/, '');
	for (let i = 0; i < source.length; i += 1) {
		const char = source[i];
		if (quoted) {
			if (char === '"' && source[i + 1] === '"') {
				field += '"';
				i += 1;
			} else if (char === '"') quoted = false;
			else field += char;
		} else if (char === '"') quoted = true;
		else if (char === ',') {
			record.push(field);
			field = '';
		} else if (char === '\n' || char === '\r') {
			if (char === '\r' && source[i + 1] === '\n') i += 1;
			record.push(field);
			records.push(record);
			record = [];
			field = '';
		} else field += char;
	}
	if (field !== '' || record.length > 0) records.push([...record, field]);
	return records;
}
