import type { PayloadVisibility } from './karafka-web-options.interface';

/**
 * The rule of `maskedTopics` and `visibility`: a topic matching a pattern (`pii.*`, or `secondary:pii.*` for
 * one cluster) is masked; otherwise the hook decides; otherwise payloads are shown. A hook that throws masks:
 * when in doubt about personal data, show nothing.
 */
export function payloadVisibility(
  maskedTopics: readonly string[],
  visibility?: (topic: { cluster: string; topic: string }) => boolean,
): PayloadVisibility {
  const patterns = maskedTopics.map(compilePattern);
  return (cluster, topic) => {
    if (patterns.some((pattern) => pattern(cluster, topic))) return false;
    if (!visibility) return true;
    try {
      return visibility({ cluster, topic }) !== false;
    } catch {
      return false;
    }
  };
}

function compilePattern(pattern: string): (cluster: string, topic: string) => boolean {
  const colon = pattern.indexOf(':');
  // Kafka topic names cannot hold ':', so a colon always separates a cluster.
  const cluster = colon >= 0 ? globToRegExp(pattern.slice(0, colon)) : undefined;
  const topic = globToRegExp(colon >= 0 ? pattern.slice(colon + 1) : pattern);
  return (clusterName, topicName) => (!cluster || cluster.test(clusterName)) && topic.test(topicName);
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`);
}
