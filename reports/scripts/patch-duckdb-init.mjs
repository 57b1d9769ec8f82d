// Evidence's universal-sql (3.0.1) sends two settings when it starts
// DuckDB-Wasm that the pinned DuckDB-Wasm 1.28.0 (DuckDB 0.9, which has
// Parquet built in and so needs no download) does not know. Both only ask for
// the behaviour that DuckDB 0.9 has anyway, so an unknown setting is not an
// error. This makes the two statements non-fatal, in the Node client (used by
// `evidence sources`) and in the browser client (bundled by `evidence build`).
import { patch } from './patch.mjs';

const statements = [
	"await connection.query('SET ieee_floating_point_ops = false;');",
	"await connection.query('SET old_implicit_casting = true;');"
];
const marker = '/* ind: setting unknown to DuckDB 0.9 */';

for (const file of ['src/client-duckdb/node.js', 'src/client-duckdb/browser.js']) {
	for (const statement of statements) {
		const patched = `${marker} try { ${statement} } catch (e) { if (!/unrecognized configuration parameter/.test(String(e))) throw e; }`;
		patch(`@evidence-dev/universal-sql/${file}`, statement, patched);
	}
}
console.log('universal-sql: DuckDB 0.9 settings made non-fatal');
