import { Injectable, Logger } from '@nestjs/common';
import { KarafkaAdmin } from '../../admin/karafka-admin';
import type { WatermarkOffsets } from '../../admin/karafka-admin.interface';
import type { KafkaMessage } from '../../message/kafka-message.interface';
import { ProducerPool } from '../../producer/producer-pool';
import { ClusterRegistry } from '../../routing/cluster-registry';
import { WebHttpError } from '../http/web-exchange.interface';
import { deadLetterId, readDeadLetter, replayHeaders } from './dead-letter-info';
import { ReplayLog, type ReplayRecord } from './replay-log';
import { readSpans, type ReplayPick } from './replay-selection';

/** A dead-letter topic of the routing, on the cluster of the topics that dead-letter into it. */
export interface DeadLetterTopic {
  cluster: string;
  topic: string;
  /** The routed topics whose dead letters go here. */
  sources: string[];
}

/**
 * The dead letters the routing knows of, read with the admin (no consumer group), and their replay: each
 * one back to its source topic on its source cluster (the `source_cluster` header, else the dead-letter
 * topic's own cluster, never the primary by default), with the producer of that cluster.
 */
@Injectable()
export class DeadLetterStore {
  private readonly logger = new Logger('KarafkaWeb');

  constructor(
    private readonly clusters: ClusterRegistry,
    private readonly admin: KarafkaAdmin,
    private readonly producers: ProducerPool,
    private readonly log: ReplayLog,
  ) {}

  topics(): DeadLetterTopic[] {
    const byKey = new Map<string, DeadLetterTopic>();
    for (const group of this.clusters.routing.subscriptionGroups)
      for (const route of group.topics) {
        if (!route.deadLetterQueue) continue;
        const key = `${route.cluster.name}/${route.deadLetterQueue.topic}`;
        const entry = byKey.get(key) ?? {
          cluster: route.cluster.name,
          topic: route.deadLetterQueue.topic,
          sources: [],
        };
        if (!entry.sources.includes(route.topic)) entry.sources.push(route.topic);
        byKey.set(key, entry);
      }
    return [...byKey.values()].sort(
      (a, b) => a.cluster.localeCompare(b.cluster) || a.topic.localeCompare(b.topic),
    );
  }

  /** The routing's dead-letter topic of that name on that cluster; any other is a 404 (replay writes only known ones). */
  known(cluster: string, topic: string): DeadLetterTopic {
    const found = this.topics().find((entry) => entry.cluster === cluster && entry.topic === topic);
    if (!found)
      throw new WebHttpError(
        404,
        `'${topic}' on cluster '${cluster}' is no dead-letter topic of this app's routing.`,
      );
    return found;
  }

  watermarks(entry: DeadLetterTopic): Promise<WatermarkOffsets[]> {
    return this.admin.forCluster(entry.cluster).readWatermarkOffsets(entry.topic);
  }

  /** The newest `count` dead letters over all partitions, newest first. */
  async latest(entry: DeadLetterTopic, marks: WatermarkOffsets[], count: number): Promise<KafkaMessage[]> {
    const admin = this.admin.forCluster(entry.cluster);
    const read = await Promise.all(
      marks
        .filter((mark) => BigInt(mark.high) > BigInt(mark.low))
        .map((mark) =>
          admin.readTopic(entry.topic, mark.partition, count, undefined, { deserializer: 'raw' }),
        ),
    );
    return read
      .flat()
      .sort(
        (a, b) =>
          b.timestamp.getTime() - a.timestamp.getTime() ||
          a.partition - b.partition ||
          Number(BigInt(b.offset) - BigInt(a.offset)),
      )
      .slice(0, count);
  }

  /** Exactly the picked dead letters; one that is not there (deleted, compacted, never written) is a 404 naming it. */
  async read(entry: DeadLetterTopic, picks: readonly ReplayPick[]): Promise<KafkaMessage[]> {
    const admin = this.admin.forCluster(entry.cluster);
    const wanted = new Set(picks.map((pick) => `${pick.partition}:${pick.offset}`));
    const read = await Promise.all(
      readSpans(picks).map((span) =>
        admin.readTopic(entry.topic, span.partition, span.count, span.from, { deserializer: 'raw' }),
      ),
    );
    const found = read.flat().filter((message) => wanted.has(`${message.partition}:${message.offset}`));
    if (found.length !== wanted.size) {
      const have = new Set(found.map((message) => `${message.partition}:${message.offset}`));
      const missing = [...wanted].filter((key) => !have.has(key));
      throw new WebHttpError(
        404,
        `No dead letter at ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''} in '${entry.topic}' on '${entry.cluster}'.`,
      );
    }
    return found;
  }

  wasReplayed(message: KafkaMessage): boolean {
    return this.log.wasReplayed(
      deadLetterId(message.cluster, message.topic, message.partition, message.offset),
    );
  }

  /** Sends each dead letter back to its source topic on its source cluster, then records and logs the replay. */
  async replay(
    entry: DeadLetterTopic,
    messages: readonly KafkaMessage[],
    user: string,
    at: number,
  ): Promise<ReplayRecord> {
    const targets: Record<string, number> = {};
    const planned = messages.map((message) => {
      const info = readDeadLetter(message.headers, entry.cluster);
      if (!info.sourceTopic)
        throw new WebHttpError(
          400,
          `The dead letter at ${message.partition}:${message.offset} has no source_topic header: nowhere to replay it to.`,
        );
      return {
        message,
        info,
        id: deadLetterId(message.cluster, message.topic, message.partition, message.offset),
      };
    });
    for (const { message, info, id } of planned) {
      await this.producers.forCluster(info.sourceCluster).produceSync({
        topic: info.sourceTopic!,
        key: message.rawKey,
        payload: message.rawPayload,
        headers: replayHeaders(message.rawHeaders, { id, user, at }),
        partition: info.sourcePartition,
      });
      const target = `${info.sourceCluster}/${info.sourceTopic}`;
      targets[target] = (targets[target] ?? 0) + 1;
    }
    const record: ReplayRecord = {
      user,
      at,
      cluster: entry.cluster,
      topic: entry.topic,
      count: messages.length,
      targets,
    };
    this.log.record(
      record,
      planned.map((plan) => plan.id),
    );
    const where = Object.entries(targets)
      .map(([target, count]) => `${count} to ${target}`)
      .join(', ');
    this.logger.log(
      `replay by '${user}' at ${new Date(at).toISOString()}: ${messages.length} dead letter(s) of '${entry.topic}' on '${entry.cluster}' (${where})`,
    );
    return record;
  }
}
