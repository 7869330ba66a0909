import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/**
 * Child processes run plain JavaScript: starting ts-node in every child costs seconds of CPU on a small
 * machine, more than many contenders need to consume their messages. lib/ and bench/ are transpiled once
 * (no type check, like ts-node --transpile-only), and only files that changed since the last run are
 * transpiled again. Where the output goes picks the Nest the children run on: `.cache/bench/build` resolves the
 * project's node_modules (Nest 11); `.cache/nest12/bench-build` resolves the Nest 12 that
 * scripts/nest12-install.sh puts in `.cache/nest12/node_modules` first, the rest from the project's.
 */
export type NestMajor = 11 | 12;

/** The project's root: the nearest folder with the library's package.json (this file also runs from a build folder). */
export const PROJECT_ROOT = (() => {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (
      fs.existsSync(manifest) &&
      (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === 'nestjs-karafka'
    )
      return dir;
    if (path.dirname(dir) === dir) throw new Error(`no nestjs-karafka package.json above ${__dirname}`);
  }
})();
/** Where Nest 12 is installed for plain-node runs. */
export const NEST12_DIR = path.join(PROJECT_ROOT, '.cache', 'nest12');

export function buildDir(nest: NestMajor): string {
  return nest === 12
    ? path.join(NEST12_DIR, 'bench-build')
    : path.join(PROJECT_ROOT, '.cache', 'bench', 'build');
}

function compilerOptions(): ts.CompilerOptions {
  const configPath = path.join(PROJECT_ROOT, 'tsconfig.json');
  const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile);
  if (error)
    throw new Error(`Cannot read ${configPath}: ${ts.flattenDiagnosticMessageText(error.messageText, '\n')}`);
  const parsed = ts.convertCompilerOptionsFromJson(config.compilerOptions, PROJECT_ROOT);
  return {
    ...parsed.options,
    sourceMap: false,
    inlineSourceMap: true,
    inlineSources: false,
    declaration: false,
  };
}

function sourcesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'results' ? [] : sourcesUnder(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')
      ? [full]
      : [];
  });
}

/** Transpiles what changed into the build folder for `nest`; returns the number of files written. */
export function buildForChildren(nest: NestMajor = 11): number {
  const options = compilerOptions();
  let written = 0;
  for (const source of ['lib', 'bench'].flatMap((dir) => sourcesUnder(path.join(PROJECT_ROOT, dir)))) {
    const target = path.join(buildDir(nest), path.relative(PROJECT_ROOT, source)).replace(/\.ts$/, '.js');
    const sourceTime = fs.statSync(source).mtimeMs;
    if (fs.existsSync(target) && fs.statSync(target).mtimeMs >= sourceTime) continue;
    const { outputText } = ts.transpileModule(fs.readFileSync(source, 'utf8'), {
      compilerOptions: options,
      fileName: source,
    });
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, outputText);
    written += 1;
  }
  return written;
}

/** Path of the transpiled JavaScript of a bench/ source file, given relative to bench/. */
export function builtBenchFile(relativeToBench: string, nest: NestMajor = 11): string {
  return path.join(buildDir(nest), 'bench', relativeToBench.replace(/\.ts$/, '.js'));
}
