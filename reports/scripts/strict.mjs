// Run an Evidence command (`sources`) and fail when any source query failed:
// `evidence sources` reports a failed query with a ✖ line but exits 0.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const reports = join(dirname(fileURLToPath(import.meta.url)), '..');
const evidence = join(reports, 'node_modules', '.bin', 'evidence');
const failed = [];

const child = spawn(evidence, process.argv.slice(2), { cwd: reports, stdio: ['inherit', 'pipe', 'pipe'] });
for (const [stream, out] of [
	[child.stdout, process.stdout],
	[child.stderr, process.stderr]
]) {
	stream.on('data', (chunk) => {
		out.write(chunk);
		for (const line of chunk.toString().split('\n')) if (/✖|\[ ! \]/.test(line)) failed.push(line.trim());
	});
}
child.on('close', (code) => {
	if (failed.length > 0) {
		console.error(`\nevidence ${process.argv.slice(2).join(' ')} failed:\n  ${failed.join('\n  ')}`);
		process.exit(1);
	}
	process.exit(code ?? 1);
});
