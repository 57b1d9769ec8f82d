// Replace a piece of code in an installed package (node_modules), once: the
// site's patches of Evidence's packages go through here. Idempotent (a file
// already patched stays as it is); fails loudly when the code it expects is
// not there, so that an upgrade of the package cannot silently undo a patch.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const modules = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules');

export function patch(file, original, patched) {
	const path = join(modules, file);
	const text = readFileSync(path, 'utf8');
	if (text.includes(patched)) return;
	if (!text.includes(original)) {
		throw new Error(`${path}: expected ${JSON.stringify(original)} (has the package changed?)`);
	}
	writeFileSync(path, text.replace(original, patched));
}
