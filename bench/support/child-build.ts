import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/**
 * Child processes run plain JavaScript: starting ts-node in every child costs seconds of CPU on a small
 * machine, more than many contenders need to consume their messages. lib/ and bench/ are transpiled once
 * (no type check, like ts-node --transpile-only) into .cache/bench/build, and only files that changed since
 * the last run are transpiled again. Output stays inside the project so node_modules resolve as usual.
 */
/** The project's root: the nearest folder with a package.json (this file also runs from the build folder). */
export const PROJECT_ROOT = (() => {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${__dirname}`);
  }
})();
export const BUILD_DIR = path.join(PROJECT_ROOT, '.cache', 'bench', 'build');

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

/** Transpiles what changed; returns the number of files written. */
export function buildForChildren(): number {
  const options = compilerOptions();
  let written = 0;
  for (const source of ['lib', 'bench'].flatMap((dir) => sourcesUnder(path.join(PROJECT_ROOT, dir)))) {
    const target = path.join(BUILD_DIR, path.relative(PROJECT_ROOT, source)).replace(/\.ts$/, '.js');
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
export function builtBenchFile(relativeToBench: string): string {
  return path.join(BUILD_DIR, 'bench', relativeToBench.replace(/\.ts$/, '.js'));
}
