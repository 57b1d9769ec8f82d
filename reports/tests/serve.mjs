// A static file server for the built site, on 127.0.0.1 and a free port, under
// the base path the site was built for (`make report BASE_PATH=/<name>`), as a
// host that serves it at /<name>/ does: a path outside the base path is not
// found.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';

const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript',
	'.mjs': 'text/javascript',
	'.css': 'text/css',
	'.json': 'application/json',
	'.wasm': 'application/wasm',
	'.parquet': 'application/octet-stream',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.webmanifest': 'application/manifest+json'
};

// The base path a build was made for, read from the build itself: its start
// page loads the site's code from <base path>/_app/immutable/ ('' at /).
export function basePathOf(root) {
	const file = join(root, 'index.html');
	const match = readFileSync(file, 'utf8').match(/(?:href|src)="((?:\/[^/"]+)*)\/_app\/immutable\//);
	if (!match) throw new Error(`${file}: no link to <base path>/_app/immutable/ (is this an Evidence build?)`);
	return match[1];
}

async function resolveFile(root, pathname) {
	const path = normalize(join(root, decodeURIComponent(pathname)));
	if (!path.startsWith(root)) return null;
	for (const candidate of [path, `${path}.html`, join(path, 'index.html')]) {
		try {
			if ((await stat(candidate)).isFile()) return candidate;
		} catch {
			// try the next form
		}
	}
	return null;
}

// The path inside the site of a path on the server, or null outside the base path.
function insideBase(base, pathname) {
	if (!base) return pathname;
	if (pathname === base) return '/';
	return pathname.startsWith(`${base}/`) ? pathname.slice(base.length) : null;
}

export async function serve(root, port = 0) {
	const base = basePathOf(root);
	const server = createServer(async (request, response) => {
		const pathname = insideBase(base, new URL(request.url, 'http://127.0.0.1').pathname);
		const file = pathname === null ? null : await resolveFile(root, pathname);
		if (!file) {
			response.writeHead(404).end('not found');
			return;
		}
		response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
		response.end(await readFile(file));
	});
	await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
	const origin = `http://127.0.0.1:${server.address().port}`;
	return {
		origin,
		base,
		// the site's address: origin and base path, without a closing slash
		url: `${origin}${base}`,
		// whether a path on this server lies inside the site
		inside: (pathname) => insideBase(base, pathname) !== null,
		close: () => new Promise((resolve) => server.close(resolve))
	};
}
