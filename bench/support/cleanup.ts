import { deleteTopicsAndGroups } from './bench-topics';

/** Topics and consumer groups a run created, removed at its end (also when it failed half-way). */
export class Cleanup {
  private readonly byBrokers = new Map<string, { topics: Set<string>; groups: Set<string> }>();

  private entry(brokers: string) {
    let entry = this.byBrokers.get(brokers);
    if (!entry) this.byBrokers.set(brokers, (entry = { topics: new Set(), groups: new Set() }));
    return entry;
  }

  topic(brokers: string, topic: string): void {
    this.entry(brokers).topics.add(topic);
  }

  group(brokers: string, groupId: string): void {
    this.entry(brokers).groups.add(groupId);
  }

  async run(): Promise<void> {
    await Promise.all(
      [...this.byBrokers].map(([brokers, { topics, groups }]) =>
        deleteTopicsAndGroups(brokers, [...topics], [...groups]),
      ),
    );
    this.byBrokers.clear();
  }
}
