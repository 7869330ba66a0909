import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { committedOffsets } from '../../fixtures/consumer-kafka';
import { FaultChild, settledOn } from '../../support/fault-child';
import { idRange, reportFault, sampleIds, seconds, tallyIds } from '../../support/fault-report';
import { createTopic, primaryBrokers, testKafka, uniqueName, waitFor } from '../../support/kafka-env';

/**
 * A `consume` call that takes longer than the session timeout (1.5×), with a second member in the group: the
 * slow member is not kicked out (no rebalance, same member ids and group state before and after) and its batch is
 * processed once. The runner heartbeats while `consume` runs; without that, the coordinator drops the member
 * after the session timeout, the other member takes the partition over and the batch is processed twice.
 */

const SESSION_TIMEOUT_MS = 6000;
const CONSUME_MS = 9000;
const PER_PARTITION = 20;

jest.setTimeout(120_000);

async function describeGroup(groupId: string) {
  const admin = testKafka(primaryBrokers(), 'slow-consume-admin').admin();
  await admin.connect();
  try {
    const {
      groups: [group],
    } = await admin.describeGroups([groupId]);
    return { state: group.state, members: group.members.map((member) => member.memberId).sort() };
  } finally {
    await admin.disconnect();
  }
}

describe('a consume longer than the session timeout (e2e)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'slow-consume-'));
  const children: FaultChild[] = [];

  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the member in its group and processes its batch once', async () => {
    const topic = uniqueName('slow');
    const groupId = uniqueName('slow-group');
    await createTopic(primaryBrokers(), topic, 2);
    const env = {
      KAFKA_PRIMARY_BROKERS: primaryBrokers().join(','),
      TOPIC: topic,
      GROUP_ID: groupId,
      SESSION_TIMEOUT_MS: String(SESSION_TIMEOUT_MS),
      HEARTBEAT_INTERVAL_MS: '1000',
      MAX_MESSAGES: '1000',
    };
    const slow = new FaultChild('slow', path.join(dir, 'slow.ids'), {
      ...env,
      CONSUME_DELAY_MS: String(CONSUME_MS),
    });
    const other = new FaultChild('other', path.join(dir, 'other.ids'), env);
    children.push(slow, other);
    const outputs = () => children.map((child) => `--- ${child.name}:\n${child.output()}`).join('\n');
    await waitFor(() => settledOn(children, topic, 2), {
      description: 'both members holding a partition',
      timeoutMs: 60_000,
    }).catch((error: Error) => {
      throw new Error(`${error.message}\n${outputs()}`);
    });
    await waitFor(async () => (await describeGroup(groupId)).state === 'Stable', {
      description: 'the group stable',
      timeoutMs: 30_000,
    });
    const before = await describeGroup(groupId);
    const settledAt = Date.now();

    // One send per partition: each member fetches its partition's messages as one batch, one `consume` call.
    const producer = testKafka(primaryBrokers(), 'slow-consume-producer').producer();
    await producer.connect();
    for (const partition of [0, 1]) {
      const ids = idRange(PER_PARTITION, partition * PER_PARTITION);
      await producer.send({ topic, acks: -1, messages: ids.map((id) => ({ value: String(id), partition })) });
    }
    await producer.disconnect();

    await waitFor(
      async () => {
        const calls = slow.facts().filter((fact) => fact.event === 'consuming').length;
        const done = slow.facts().filter((fact) => fact.event === 'consumed').length;
        if (calls === 0 || done < calls) return false;
        const committed = await committedOffsets(primaryBrokers(), groupId, topic);
        return committed[0] === String(PER_PARTITION) && committed[1] === String(PER_PARTITION);
      },
      {
        description: 'both partitions committed to their end, no consume running',
        intervalMs: 250,
        timeoutMs: 60_000,
      },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${outputs()}`);
    });
    const after = await describeGroup(groupId);

    const seen = children.flatMap((child) => child.processedIds());
    const tally = tallyIds(idRange(2 * PER_PARTITION), seen);
    const facts = children.flatMap((child) => child.facts().map((fact) => ({ ...fact, child: child.name })));
    const consuming = facts.filter((fact) => fact.event === 'consuming');
    const consumed = facts.filter((fact) => fact.event === 'consumed');
    const longest = Math.max(...consumed.map((end, i) => end.at - (consuming[i]?.at ?? end.at)));
    const rebalances = facts.filter((fact) => fact.event === 'rebalancing' && fact.at >= settledAt);
    reportFault(
      'slow consume',
      `consume took ${seconds(longest)} with a session timeout of ${seconds(SESSION_TIMEOUT_MS)}; ` +
        `consume calls ${consuming.length}; rebalances after the join ${rebalances.length}; ` +
        `members ${before.members.length} ${before.state} before, ${after.members.length} ${after.state} after ` +
        `(${before.members.join(',') === after.members.join(',') ? 'same' : 'different'} member ids); ` +
        `lost ${tally.lost.length}, duplicates ${tally.duplicates}`,
    );

    // The premise: one consume call on the slow member outlasted the session timeout.
    expect(longest).toBeGreaterThan(SESSION_TIMEOUT_MS);
    expect(sampleIds(tally.lost)).toBe('none');
    expect(tally.duplicates).toBe(0);
    expect(consuming).toHaveLength(1);
    expect(rebalances).toEqual([]);
    expect(after).toEqual(before);
    expect(before.members).toHaveLength(2);
  });
});
