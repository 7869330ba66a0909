import type { InMemoryCluster } from './in-memory-cluster';

/** Whether the consumers may fetch `topic` of `cluster` now. */
export type FetchRule = (topic: string, cluster: InMemoryCluster) => boolean;

/**
 * Which topics the consumers of one in-memory driver may fetch. Open to every topic unless a test holds them:
 * `nestjs-karafka/testing` keeps messages where they are until the test asks for them to be consumed, as
 * karafka-testing does, so what a test sees never depends on when the background fetch loops ran.
 */
export class FetchGate {
  private rule: FetchRule = () => true;

  allows(topic: string, cluster: InMemoryCluster): boolean {
    return this.rule(topic, cluster);
  }

  /** Replaces the rule; the caller wakes the fetch loops so they apply it. */
  set(rule: FetchRule): void {
    this.rule = rule;
  }
}
