// The site's source queries are the project's analyses: copy every
// analyses/*.sql into sources/warehouse/ (and remove copies whose analysis is
// gone), so that `evidence sources` runs exactly the files that the DuckDB CLI
// and the tests run. The copies are not kept in git.
import { copyFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const reports = join(dirname(fileURLToPath(import.meta.url)), '..');
const analyses = join(reports, '..', 'analyses');
const source = join(reports, 'sources', 'warehouse');

const wanted = readdirSync(analyses).filter((name) => name.endsWith('.sql'));
for (const name of readdirSync(source)) {
	if (name.endsWith('.sql') && !wanted.includes(name)) rmSync(join(source, name));
}
for (const name of wanted) copyFileSync(join(analyses, name), join(source, name));
console.log(`sources: ${wanted.length} queries from analyses/`);
