// Serve reports/build on http://127.0.0.1:PORT (default 3000), under the base
// path it was built for, until stopped.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';

const build = join(dirname(fileURLToPath(import.meta.url)), '..', 'build');
const server = await serve(build, Number(process.env.PORT ?? 3000));
console.log(`The report site: ${server.url}/ (Ctrl-C stops)`);
