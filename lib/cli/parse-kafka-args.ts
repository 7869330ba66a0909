import { validateClusterNames } from '../testbed/brokers-env';
import { oneOf } from './one-of';

export const KAFKA_USAGE = `       nestjs-karafka kafka <up|down|status> [--clusters <name,...>]

Local single-node Kafka clusters (KRaft) for your tests, without Docker: Java 17+ and Maven are needed (Maven
downloads Kafka's jars once into .cache/nestjs-karafka/kafka). Linux only.

  up        start the clusters (default: primary) on free ports, or reuse the running ones, and print their
            addresses as KAFKA_<NAME>_BROKERS=127.0.0.1:<port> (the variables the jest setup sets too)
  down      stop the clusters (default: every one 'up' started) and delete their data
  status    print the running ones, as 'up' does

  --clusters <name,...>   e.g. primary,secondary (lowercase letters, digits and '-')`;

export type KafkaAction = 'up' | 'down' | 'status';

export interface KafkaCommand {
  kind: 'kafka';
  action: KafkaAction;
  /** Undefined: the action's default (`primary` for up, every started one for down and status). */
  clusters?: string[];
}

const ACTIONS: readonly KafkaAction[] = ['up', 'down', 'status'];

/** Parses `kafka <action> [--clusters a,b]`; throws an Error saying what is wrong. */
export function parseKafkaArgs(args: string[]): KafkaCommand {
  const [first, ...rest] = args;
  const action = oneOf('kafka', ACTIONS, first);
  let clusters: string[] | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    let list: string | undefined;
    if (arg === '--clusters') {
      list = rest[++i];
      if (list === undefined || list.startsWith('--'))
        throw new Error("'--clusters' needs a list, e.g. primary,secondary");
    } else if (arg.startsWith('--clusters=')) list = arg.slice('--clusters='.length);
    else throw new Error(`unknown argument '${arg}'`);
    clusters = list
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '');
    validateClusterNames(clusters, '--clusters');
  }
  return { kind: 'kafka', action, ...(clusters ? { clusters } : {}) };
}
