// Evidence 40 takes the base path that the site is served under (a host that
// serves it at /<name>/) only from `deployment: basePath:` in
// evidence.config.yaml. The base path belongs to the host, not to the site:
// this lets the environment variable EVIDENCE_BASE_PATH give it, as the
// default of that setting, so that `make report BASE_PATH=/<name>` builds for
// such a host with the one config file unchanged. Evidence reads the setting
// in one place, @evidence-dev/sdk's configuration schema, for the build, its
// links and the browser's data requests alike.
import { patch } from './patch.mjs';

patch(
	'@evidence-dev/sdk/src/configuration/schemas/deployment.schema.js',
	".optional()\n\t\t.default('')",
	".optional()\n\t\t.default(/* ind: base path from the environment */ process.env.EVIDENCE_BASE_PATH ?? '')"
);
console.log(`sdk: base path ${process.env.EVIDENCE_BASE_PATH || '(none: the site is served at /)'}`);
