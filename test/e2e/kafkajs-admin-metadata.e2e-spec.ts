/**
 * kafkajs#461 on a real broker: kafkajs' admin keeps one metadata cache, and `fetchTopicMetadata` of a topic it
 * has not cached replaces it with that topic's alone, so a `fetchTopicOffsets` of another topic running at the
 * same time fails ("Cannot destructure property 'partitions' of 'low.pop(...)'"; most of the reads below did with
 * raw kafkajs on the test bed). The driver's admin lets those calls take turns: none fails.
 */
import { KafkajsAdmin } from '../../lib/driver/kafkajs/kafkajs-admin';
import { createTopic, primaryBrokers, testKafka, uniqueName } from '../support/kafka-env';

describe('kafkajs driver admin: offsets and metadata of different topics at once (e2e)', () => {
  const read = uniqueName('admin-turns.read');
  const fresh = Array.from({ length: 12 }, (_, n) => uniqueName(`admin-turns.fresh${n}`));
  const kafka = testKafka(primaryBrokers(), 'admin-turns-e2e');
  let admin: KafkajsAdmin;

  beforeAll(async () => {
    for (const name of [read, ...fresh]) await createTopic(primaryBrokers(), name, 1);
    admin = new KafkajsAdmin(kafka);
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.deleteTopics([read, ...fresh]);
    await admin?.disconnect();
  });

  it("reads one topic's offsets while the metadata of topics it never cached is fetched, without a failure", async () => {
    await admin.fetchTopicOffsets(read);
    const failures: string[] = [];
    let reads = 0;
    let done = false;
    const reader = (async () => {
      while (!done) {
        reads++;
        await admin.fetchTopicOffsets(read).catch((error: Error) => failures.push(error.message));
      }
    })();
    for (const name of fresh) {
      const [topic] = await admin.fetchTopicMetadata([name]);
      expect(topic.name).toBe(name);
    }
    done = true;
    await reader;
    console.log(
      `[admin] ${reads} offset reads of one topic beside ${fresh.length} uncached metadata fetches`,
    );
    expect(reads).toBeGreaterThan(1);
    expect(failures).toEqual([]);
  });
});
