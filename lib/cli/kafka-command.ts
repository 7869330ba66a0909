import { errorMessage } from '../common/error-message';
import {
  runningLocalClusters,
  startLocalClusters,
  stopLocalClusters,
  type LocalCluster,
} from '../testbed/local-clusters';
import type { CliOutput } from './cli-output.interface';
import type { KafkaCommand } from './parse-kafka-args';

/**
 * `kafka up|down|status`: local clusters for the user's tests. The addresses go to stdout as
 * `KAFKA_<NAME>_BROKERS=<host:port>` lines (ready for `export $(...)` or a .env file); everything else to stderr.
 */
export async function runKafkaCommand(
  command: KafkaCommand,
  output: CliOutput,
  cwd: string,
): Promise<number> {
  try {
    if (command.action === 'up') {
      const clusters = await startLocalClusters(command.clusters ?? ['primary'], { cwd });
      printAddresses(clusters, output);
      output.err(
        clusters
          .map((c) => `${c.name}: ${c.bootstrap} (${c.started ? 'started' : 'already running'})`)
          .join('\n') + "\nStop them with 'npx nestjs-karafka kafka down'.",
      );
    } else if (command.action === 'down') {
      const stopped = stopLocalClusters(command.clusters, { cwd });
      output.err(stopped.length > 0 ? `stopped: ${stopped.join(', ')}` : 'no local cluster was running');
    } else {
      const running = runningLocalClusters({ cwd }).filter(
        (cluster) => command.clusters === undefined || command.clusters.includes(cluster.name),
      );
      printAddresses(running, output);
      if (running.length === 0) output.err('no local cluster is running');
    }
    return 0;
  } catch (error) {
    output.err(`nestjs-karafka kafka ${command.action} failed: ${errorMessage(error)}`);
    return 1;
  }
}

function printAddresses(clusters: LocalCluster[], output: CliOutput): void {
  for (const cluster of clusters) output.out(`${cluster.env}=${cluster.bootstrap}`);
}
