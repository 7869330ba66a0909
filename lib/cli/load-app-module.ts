import { existsSync } from 'fs';
import { dirname, extname, resolve } from 'path';

const TYPESCRIPT = new Set(['.ts', '.cts', '.mts']);
/** Nest's @Module() metadata keys (plain strings in @nestjs/common, so any copy of Nest matches). */
const MODULE_KEYS = ['imports', 'providers', 'controllers', 'exports'];

export interface LoadedAppModule {
  module: unknown;
  exportName: string;
  file: string;
}

/**
 * Loads `file[#ExportName]` relative to `cwd`. A TypeScript file is compiled on the fly with the user's
 * ts-node (transpile-only). Without `#ExportName` the export is `AppModule`, or the file's only Nest module.
 */
export function loadAppModule(spec: string, cwd: string): LoadedAppModule {
  const hash = spec.lastIndexOf('#');
  const path = hash > 0 ? spec.slice(0, hash) : spec;
  const wanted = hash > 0 ? spec.slice(hash + 1) : undefined;
  const file = resolve(cwd, path);
  if (!existsSync(file)) throw new Error(`--module: no such file ${file}`);
  if (TYPESCRIPT.has(extname(file))) registerTsNode(file, cwd);

  // The user's module is only known at run time: a dynamic require is the point here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exports = require(file) as Record<string, unknown>;
  const names = Object.keys(exports);
  if (wanted !== undefined) {
    if (!(wanted in exports))
      throw new Error(
        `--module: ${file} has no export '${wanted}' (it exports: ${names.join(', ') || 'nothing'})`,
      );
    return { module: exports[wanted], exportName: wanted, file };
  }
  if (isNestModule(exports.AppModule)) return { module: exports.AppModule, exportName: 'AppModule', file };
  const modules = names.filter((name) => isNestModule(exports[name]));
  if (modules.length === 1) return { module: exports[modules[0]], exportName: modules[0], file };
  throw new Error(
    `--module: ${file} has ${modules.length === 0 ? 'no Nest module export' : `several Nest modules (${modules.join(', ')})`}; ` +
      'name one with <file>#ExportName',
  );
}

function isNestModule(value: unknown): boolean {
  if (typeof value !== 'function') return false;
  return MODULE_KEYS.some((key) => Reflect.getMetadataKeys?.(value)?.includes(key));
}

function registerTsNode(file: string, cwd: string): void {
  // Already compiling TypeScript (ts-node, a jest transform, ...): nothing to register.
  if (require.extensions['.ts']) return;
  let tsNode: string;
  try {
    tsNode = require.resolve('ts-node', { paths: [dirname(file), cwd] });
  } catch {
    throw new Error(
      `--module: ${file} is TypeScript and ts-node is not installed; install it (npm i -D ts-node) or give the compiled .js file`,
    );
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { register } = require(tsNode) as typeof import('ts-node');
  register({ transpileOnly: true, projectSearchDir: dirname(file), compilerOptions: { module: 'commonjs' } });
}
