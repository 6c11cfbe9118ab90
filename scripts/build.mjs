// Bundles every entry point into ONE shared build with esbuild (code splitting):
//   src/actions/<name>.ts -> dist/<name>/index.js   (what actions/<name>/action.yml and deploy/action.yml run)
//   src/cli/index.ts      -> dist/cli/index.js      (what bin/k8sapp.js runs)
//   src/migrations/testing.ts -> dist/migrations-testing/index.js (package.json "exports")
// Each entry file holds only the code no other entry uses (for an action: its input reading and summary) and imports
// the shared chunks in dist/chunks/; code reached only through a dynamic import() (the manifest models, octokit,
// tool-cache, libsodium) becomes its own chunk, loaded only by the command that needs it. No type-checking here: `tsc --noEmit` is its own step (npm run typecheck, .ci/run).
// The output is committed; CI rebuilds and fails when it differs (check-dist), so it must be deterministic: esbuild's
// output depends only on the inputs, chunk names carry a content hash, and licenses.txt is sorted.
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUTPUT as COMPILED_SCHEMAS, compiledSchemasSource } from './compile-schemas.mjs';

// @actions/core imports @actions/http-client (and through it undici, ~0.7 MB) only for getIDToken (OIDC), which
// k8sapp never calls. Its oidc-utils module is replaced by one whose getIDToken says so, so undici is loaded only by
// octokit, in the chunk imported when the API is called, and not by every action at start.
const withoutOidc = {
  name: 'without-oidc',
  setup(build) {
    build.onResolve({ filter: /^\.\/oidc-utils\.js$/ }, (args) =>
      /node_modules\/@actions\/core\//.test(args.importer) ? { path: 'oidc-utils', namespace: 'k8sapp-stub' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'k8sapp-stub' }, () => ({
      contents: "export class OidcClient { static async getIDToken() { throw new Error('k8sapp is bundled without OIDC token support'); } }\n",
      loader: 'js',
    }));
  },
};

const entryPoints = {};
for (const file of readdirSync('src/actions')
  .filter((name) => name.endsWith('.ts') && !name.endsWith('-action.ts'))
  .sort()) {
  entryPoints[`${file.replace(/\.ts$/, '')}/index`] = join('src/actions', file);
}
entryPoints['cli/index'] = 'src/cli/index.ts';
// Library entry point users import at run time (package.json "exports").
entryPoints['migrations-testing/index'] = 'src/migrations/testing.ts';

// The schema validators are generated source the bundle imports: regenerate them first.
writeFileSync(COMPILED_SCHEMAS, compiledSchemasSource());

// Built aside and swapped in only when it succeeded, so a failed build never leaves an action without its bundle.
const staging = 'dist.staging';
rmSync(staging, { recursive: true, force: true });
let result;
try {
  result = await build({
    entryPoints,
    outdir: staging,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    // The actions run on node24; the CLI (and the migrations test library) still support Node 20.
    target: 'node20',
    chunkNames: 'chunks/[name]-[hash]',
    // Dependencies written as CommonJS call require() for Node built-ins; an ES module has no require of its own.
    banner: { js: "import { createRequire as __k8sappCreateRequire } from 'node:module';\nconst require = __k8sappCreateRequire(import.meta.url);" },
    // Whitespace and syntax only: identifiers stay readable in stack traces of bug reports.
    minifyWhitespace: false,
    minifySyntax: true,
    legalComments: 'none',
    metafile: true,
    plugins: [withoutOidc],
    logLevel: 'warning',
  });
} catch {
  rmSync(staging, { recursive: true, force: true });
  console.error('build failed');
  process.exit(1);
}

// Package licenses of everything bundled (the notice each dependency's license asks to be kept), in one file.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  // The innermost node_modules/<package>/ names the package (nested copies are listed under their own folder).
  const match = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(input);
  if (match && !packages.has(match[1])) packages.set(match[1], match[2]);
}
const notices = [];
for (const [folder, name] of [...packages].sort(([a], [b]) => (a < b ? -1 : 1))) {
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
  const licenseFile = existsSync(folder)
    ? readdirSync(folder)
        .filter((file) => /^(licen[cs]e|copying)/i.test(file))
        .sort()[0]
    : undefined;
  const text = licenseFile ? readFileSync(join(folder, licenseFile), 'utf8').trim() : '';
  notices.push([name, manifest.license ?? 'UNKNOWN', text].filter(Boolean).join('\n'));
}
writeFileSync(join(staging, 'licenses.txt'), `${notices.join('\n\n')}\n`);
writeFileSync(join(staging, 'package.json'), '{\n  "type": "module"\n}\n');

rmSync('dist', { recursive: true, force: true });
renameSync(staging, 'dist');
const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
console.log(`built ${Object.keys(entryPoints).length} entry points into dist/ (${(bytes / 1024 / 1024).toFixed(1)} MB)`);
