import type { ClusterDefinition } from '../../cluster/cluster-definition.interface';
import { DEFAULT_PRODUCER } from '../../producer/producer.constants';
import { WEB_REPORTING_MESSAGES as M } from './web-reporting.messages';
import type { ReportingClusterInfo } from './web-report.interface';

/**
 * The seed's rule, as the pages and the status page state it: the reporting cluster is the Web producer's
 * cluster, the primary one unless `producer` redefines the Web producer.
 */
export function reportingClusterInfo(producer: string, cluster: ClusterDefinition): ReportingClusterInfo {
  return {
    name: cluster.name,
    // Normalised `host:port` strings: credentials live in the SASL settings, never in a broker address.
    brokers: [...cluster.config.connection.brokers],
    producer,
    reason: M.reportingReason(producer, cluster.name, producer === DEFAULT_PRODUCER),
  };
}
