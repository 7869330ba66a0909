import type { KarafkaAdmin } from '../../admin/karafka-admin';
import type { KafkaMessage } from '../../message/kafka-message.interface';
import { MAX_KEPT_ERRORS } from './error-log';
import { parseError, parseMetrics, parseState, type Parsed } from './parse-web-message';
import type { WebAggregatorSeed } from './web-aggregator';
import type { ErrorReport } from './web-report.interface';
import type { WebTopicNames } from './web-reporting-options.interface';

/** The bytes as stored: the reader decodes them itself, defensively. */
const RAW = { deserializer: 'raw' } as const;

/**
 * Reads back what the processing side published, through the admin on the reporting cluster: the last message
 * of the states and metrics topics (one partition each), and the newest errors of every errors partition. A
 * missing topic is an error (the status page names it); a message that cannot be read is left out.
 */
export class WebTopicsReader {
  constructor(
    /** Bound to the reporting cluster. */
    private readonly admin: KarafkaAdmin,
    private readonly topics: Required<WebTopicNames>,
  ) {}

  async read(): Promise<WebAggregatorSeed> {
    const [state, metrics, errors] = await Promise.all([
      this.last(this.topics.states, parseState),
      this.last(this.topics.metrics, parseMetrics),
      this.errors(),
    ]);
    return { state, metrics, errors };
  }

  private async last<T>(topic: string, parse: (raw: Buffer | null) => Parsed<T>): Promise<T | undefined> {
    const [message] = await this.admin.readTopic(topic, 0, 1, undefined, RAW);
    if (!message) return undefined;
    const parsed = parse(message.rawPayload);
    return 'value' in parsed ? parsed.value : undefined;
  }

  private async errors(): Promise<ErrorReport[]> {
    const partitions = await this.admin.readWatermarkOffsets(this.topics.errors);
    const read = await Promise.all(
      partitions.map(({ partition }) =>
        this.admin.readTopic(this.topics.errors, partition, MAX_KEPT_ERRORS, undefined, RAW),
      ),
    );
    return read.flat().flatMap((message: KafkaMessage) => {
      const parsed = parseError(message.rawPayload);
      return 'value' in parsed ? [parsed.value] : [];
    });
  }
}
