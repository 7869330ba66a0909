import { existsSync, readFileSync } from 'fs';
import { hostname } from 'os';
import { dirname, join } from 'path';
import type { ProcessInfo } from './web-report.interface';

/** Node's, Nest's (the app's copy) and this library's versions, read once. */
let versions: ProcessInfo['versions'] | undefined;
/** The last start time handed out: two apps started in one process within a millisecond get distinct ids. */
let lastStartedAt = 0;

/** This process as its reports describe it; `memory` is read at each call. */
export class ProcessIdentity {
  readonly id: string;
  readonly host = hostname();
  readonly pid = process.pid;
  readonly startedAt: number;

  constructor(now: number) {
    this.startedAt = Math.max(now, lastStartedAt + 1);
    lastStartedAt = this.startedAt;
    this.id = `${this.host}:${this.pid}:${this.startedAt}`;
  }

  info(): ProcessInfo {
    const { rss, heapUsed } = process.memoryUsage();
    return {
      id: this.id,
      host: this.host,
      pid: this.pid,
      startedAt: this.startedAt,
      memory: { rssBytes: rss, heapUsedBytes: heapUsed },
      versions: (versions ??= readVersions()),
    };
  }
}

function readVersions(): ProcessInfo['versions'] {
  return { node: process.versions.node, nest: packageVersion('@nestjs/core'), karafka: ownVersion() };
}

function packageVersion(name: string): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** This library's package.json is above lib/ (sources) or dist/ (the package), however deep this file is. */
function ownVersion(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (manifest.name === 'nestjs-karafka') return manifest.version ?? 'unknown';
  }
  return 'unknown';
}
