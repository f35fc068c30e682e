import { builtinModules } from 'node:module';
import { build } from 'esbuild';

/**
 * Optional add-ons that their users load inside try/catch and do without (CPU temperature on macOS,
 * colours for debug output); inside the executable `require` fails and the caller falls back.
 */
const OPTIONAL_MISSING = new Set(['osx-temperature-sensor', 'macos-temperature-sensor', 'supports-color']);

/** Name of the banner variable standing in for `import.meta.url`, which a CommonJS bundle does not have. */
const META_URL = '__parc_import_meta_url';

/**
 * Bundles the agent CLI into one CommonJS file for a Node single-executable application: SEA main
 * scripts are CommonJS and may only `require` built-in modules, so every dependency is inlined.
 * esbuild's output depends only on its input (no dates, no absolute paths with `sourcemap: false`).
 */
export async function bundleAgent(entry: string, outfile: string, absWorkingDir: string): Promise<{ bytes: number }> {
  const result = await build({
    entryPoints: [entry],
    outfile,
    absWorkingDir,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    sourcemap: false,
    metafile: true,
    logLevel: 'warning',
    // node-cron's ESM build reads import.meta.url to find its daemon file.
    banner: { js: `var ${META_URL}=require("node:url").pathToFileURL(__filename).href;` },
    define: { 'import.meta.url': META_URL },
  });
  const external = Object.values(result.metafile.outputs)
    .flatMap((o) => o.imports)
    .filter((i) => i.external && !isBuiltin(i.path) && !OPTIONAL_MISSING.has(i.path));
  if (external.length) {
    throw new Error(`bundle still requires non-built-in modules (a SEA cannot load them): ${external.map((i) => i.path).join(', ')}`);
  }
  const out = Object.values(result.metafile.outputs)[0];
  return { bytes: out?.bytes ?? 0 };
}

function isBuiltin(name: string): boolean {
  const bare = name.replace(/^node:/, '');
  return builtinModules.includes(bare) || builtinModules.includes(bare.split('/')[0] ?? '');
}
