// A static file server for the built site, on 127.0.0.1 and a free port.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
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

export async function serve(root, port = 0) {
	const server = createServer(async (request, response) => {
		const file = await resolveFile(root, new URL(request.url, 'http://127.0.0.1').pathname);
		if (!file) {
			response.writeHead(404).end('not found');
			return;
		}
		response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
		response.end(await readFile(file));
	});
	await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
	const { port: chosen } = server.address();
	return {
		url: `http://127.0.0.1:${chosen}`,
		close: () => new Promise((resolve) => server.close(resolve))
	};
}
