import { errorMessage } from '../../common/error-message';
import { withTimeout } from '../../common/with-timeout';
import type { ClusterDefinition } from '../../cluster/cluster-definition.interface';
import type { ClusterRegistry } from '../../routing/cluster-registry';
import { html, type SafeHtml } from '../html/html';
import { badge, card, notice } from '../html/widgets';

/** A cluster that does not answer in this long is shown as unreachable (the others still render). */
export const CLUSTER_ANSWER_MS = 5_000;

/**
 * One card per cluster, read side by side: `read`'s answer (bounded by `CLUSTER_ANSWER_MS`) drawn by `draw`,
 * or an "unreachable" card with the error, so one cluster's failure leaves the others' cards.
 */
export function clusterCards<T>(
  clusters: ClusterRegistry,
  read: (cluster: ClusterDefinition) => Promise<T>,
  draw: (cluster: ClusterDefinition, answer: T) => SafeHtml,
): Promise<SafeHtml[]> {
  return Promise.all(
    clusters.all().map(async (cluster) => {
      try {
        const answer = await withTimeout(read(cluster), CLUSTER_ANSWER_MS, `cluster '${cluster.name}'`);
        return draw(cluster, answer);
      } catch (error) {
        return card(html`${cluster.name} ${badge('unreachable', 'bad')}`, notice('bad', errorMessage(error)));
      }
    }),
  );
}
