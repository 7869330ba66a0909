import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { errorMessage } from '../common/error-message';
import { brokersEnvName, envSegment } from './brokers-env';
import { freePorts, isPortFree } from './free-ports';

/** The package's scripts/kafka: next to dist/ in an installed package, next to lib/ in a clone. */
const SCRIPTS_DIR = path.resolve(__dirname, '..', '..', 'scripts', 'kafka');
/** Which ports each cluster `kafka up` started got, so `down` and the next `up` find it again. */
const STATE_FILE = 'local-clusters.json';

export interface LocalClustersOptions {
  /**
   * Where Kafka's jars, the clusters' data and their ports are kept. Default: `NESTJS_KARAFKA_CACHE_DIR`, else
   * `.cache/nestjs-karafka/kafka` under `cwd`.
   */
  cacheDir?: string;
  /** The user's project (default: the current directory). */
  cwd?: string;
}

/** A local single-node KRaft cluster. */
export interface LocalCluster {
  name: string;
  /** `127.0.0.1:<port>`. */
  bootstrap: string;
  /** The environment variable the tests read it from: `KAFKA_<NAME>_BROKERS`. */
  env: string;
  /** Whether this call started it (false: it was running already). */
  started: boolean;
}

interface Ports {
  port: number;
  controllerPort: number;
}

type State = Record<string, Ports>;

/**
 * Starts local plaintext Kafka clusters (names checked with `validateClusterNames`) with the package's scripts (Java 17+ and Maven: Maven downloads Kafka's
 * jars once into the cache), each on free ports, and resolves once every broker answers. A cluster that is
 * already running is used as it is; one that is not starts empty. The scripts' progress goes to stderr.
 */
export async function startLocalClusters(
  names: readonly string[],
  options: LocalClustersOptions = {},
): Promise<LocalCluster[]> {
  assertLinux();
  const dir = cacheDir(options);
  const state = readState(dir);
  const toStart = names.filter((name) => !(state[name] && isRunning(name, state[name], dir)));
  if (toStart.length > 0) {
    for (const name of toStart) state[name] = await choosePorts(state[name]);
    const { status, stdout } = runScript('up.sh', toStart, dir, state, { KAFKA_FRESH: '1' });
    // Its readiness report belongs with its log lines; the caller prints the addresses.
    process.stderr.write(stdout.replace(/^\S+ bootstrap: .*\n/gm, ''));
    if (status !== 0) {
      throw new Error(
        `could not start the local Kafka cluster(s) ${toStart.join(', ')} (see the messages above)`,
      );
    }
    writeState(dir, state);
    const missing = toStart.filter((name) => !stdout.includes(`${name} bootstrap: `));
    if (missing.length > 0)
      throw new Error(`scripts/kafka/up.sh did not report ${missing.join(', ')} as started`);
  }
  return names.map((name) => describe(name, state[name], toStart.includes(name)));
}

/**
 * Stops the named local clusters (default: every one `startLocalClusters` left running) and deletes their data,
 * keeping the jars. Returns the names of those it stopped.
 */
export function stopLocalClusters(names?: readonly string[], options: LocalClustersOptions = {}): string[] {
  const dir = cacheDir(options);
  const state = readState(dir);
  const targets = (names ?? Object.keys(state)).filter((name) => state[name] !== undefined);
  if (targets.length === 0) return [];
  assertLinux();
  const { status } = runScript('reset.sh', targets, dir, state);
  if (status !== 0)
    throw new Error(`could not stop the local Kafka cluster(s) ${targets.join(', ')} (see above)`);
  for (const name of targets) delete state[name];
  writeState(dir, state);
  return targets;
}

/** The local clusters running now. */
export function runningLocalClusters(options: LocalClustersOptions = {}): LocalCluster[] {
  const dir = cacheDir(options);
  const state = readState(dir);
  return Object.entries(state)
    .filter(([name, ports]) => isRunning(name, ports, dir))
    .map(([name, ports]) => describe(name, ports, false));
}

function describe(name: string, ports: Ports, started: boolean): LocalCluster {
  return { name, bootstrap: `127.0.0.1:${ports.port}`, env: brokersEnvName(name), started };
}

function cacheDir(options: LocalClustersOptions): string {
  return path.resolve(
    options.cacheDir ??
      process.env.NESTJS_KARAFKA_CACHE_DIR ??
      path.join(options.cwd ?? process.cwd(), '.cache', 'nestjs-karafka', 'kafka'),
  );
}

/** The ports used last time when both are free again (the app's settings stay valid), else new free ones. */
async function choosePorts(previous: Ports | undefined): Promise<Ports> {
  if (previous && (await isPortFree(previous.port)) && (await isPortFree(previous.controllerPort)))
    return previous;
  const [port, controllerPort] = await freePorts(2);
  return { port, controllerPort };
}

function isRunning(name: string, ports: Ports, dir: string): boolean {
  return runScript('status.sh', [name], dir, { [name]: ports }, {}, 'ignore').status === 0;
}

/** Runs scripts/kafka/<script> for `names` on their ports; its log lines go to stderr unless ignored. */
function runScript(
  script: string,
  names: readonly string[],
  dir: string,
  state: State,
  extraEnv: Record<string, string> = {},
  stderr: 'inherit' | 'ignore' = 'inherit',
): { status: number | null; stdout: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv, KAFKA_TESTBED_CACHE_DIR: dir };
  for (const name of names) {
    const prefix = `KAFKA_TESTBED_${envSegment(name)}`;
    env[`${prefix}_PORT`] = String(state[name].port);
    env[`${prefix}_CONTROLLER_PORT`] = String(state[name].controllerPort);
  }
  const result = spawnSync('bash', [path.join(SCRIPTS_DIR, script), ...names], {
    env,
    stdio: ['ignore', 'pipe', stderr],
    encoding: 'utf8',
  });
  if (result.error)
    throw new Error(`could not run scripts/kafka/${script} with bash: ${result.error.message}`);
  return { status: result.status, stdout: result.stdout ?? '' };
}

function assertLinux(): void {
  if (process.platform !== 'linux') {
    throw new Error(
      `local Kafka clusters need Linux (the scripts use flock, ss, setsid and /proc), not ${process.platform}; ` +
        'point the tests at a running Kafka with KAFKA_<NAME>_BROKERS instead',
    );
  }
}

function readState(dir: string): State {
  const file = path.join(dir, STATE_FILE);
  if (!fs.existsSync(file)) return {};
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as State;
  } catch (error) {
    throw new Error(
      `${file} is not valid JSON (${errorMessage(error)}): fix or delete it; the brokers it listed keep running ` +
        `until stopped (their pids are in ${path.join(dir, 'clusters')}/*/broker.pid)`,
    );
  }
}

function writeState(dir: string, state: State): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
}
