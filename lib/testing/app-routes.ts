import type { ClusterDefinition } from '../cluster/cluster-definition.interface';
import { didYouMean } from '../config/did-you-mean';
import { KafkaJobDispatcher } from '../jobs/kafka-job-dispatcher';
import { DEFAULT_PRODUCER } from '../producer/producer.constants';
import type { ProducerRegistry } from '../producer/producer-registry';
import type { ClusterRegistry } from '../routing/cluster-registry';
import { formatRoutingTable } from '../routing/format-routing-table';
import type { PayloadDeserializer } from '../routing/payload-deserializer.interface';
import type { TopicRoute } from '../routing/routing-table.interface';
import { TESTING_MESSAGES as M } from './testing.messages';

/** The app's routing table as the testing API asks it: which topic is consumed where, and why not. */
export class AppRoutes {
  constructor(
    private readonly registry: ClusterRegistry,
    private readonly producers: ProducerRegistry,
  ) {}

  all(): TopicRoute[] {
    return this.registry.routing.subscriptionGroups.flatMap((group) => group.topics);
  }

  /** The routes of the app's background jobs (their consumer is the jobs' dispatcher). */
  jobRoutes(): TopicRoute[] {
    return this.all().filter((route) => route.target === KafkaJobDispatcher);
  }

  /** The cluster by name; an unknown name is an error naming the known ones. */
  cluster(call: string, name: string): ClusterDefinition {
    if (this.registry.has(name)) return this.registry.get(name);
    const known = this.registry.all().map((cluster) => cluster.name);
    throw new Error(M.unknownCluster(call, name, known, didYouMean(name, known)));
  }

  /** Where `@InjectProducer()` writes: the primary cluster unless `forRoot({ producer: { cluster } })` moved it. */
  defaultCluster(): ClusterDefinition {
    return this.producers.has(DEFAULT_PRODUCER)
      ? this.registry.get(this.producers.get(DEFAULT_PRODUCER).cluster)
      : this.registry.primary;
  }

  /** Every route of `topic`; none is an error listing the routed topics and showing the routing table. */
  routesOf(call: string, topic: string): TopicRoute[] {
    const routes = this.all().filter((route) => route.topic === topic);
    if (routes.length > 0) return routes;
    const routed = [...new Set(this.all().map((route) => route.topic))].sort();
    throw new Error(M.notRouted(call, topic, routed, didYouMean(topic, routed), this.table()));
  }

  /**
   * The route of `topic` on `cluster`. None is an error saying where the topic is consumed instead; with
   * `isDefault` it explains the default producer's cluster, the classic mistake of multi-cluster apps.
   */
  routeOn(call: string, topic: string, cluster: ClusterDefinition, isDefault: boolean): TopicRoute {
    const routes = this.routesOf(call, topic);
    const route = routes.find((candidate) => candidate.cluster.identity === cluster.identity);
    if (route) return route;
    const places = routes.map((r) => `'${r.cluster.name}' (${r.className}, consumer group '${r.groupId}')`);
    throw new Error(M.wrongCluster(call, topic, cluster.name, places, isDefault, this.table()));
  }

  /** How a consumer of `topic` on `cluster` decodes it; JSON for a topic the app does not consume there. */
  deserializerOf(topic: string, cluster: ClusterDefinition): PayloadDeserializer {
    const route = this.all().find((r) => r.topic === topic && r.cluster.identity === cluster.identity);
    return route?.deserializer ?? 'json';
  }

  /** The routing table as logged at start, producers included. */
  table(): string {
    const producers = this.producers
      .names()
      .map((name) => ({ name, cluster: this.producers.get(name).cluster }));
    return formatRoutingTable(this.registry.routing, producers);
  }
}
