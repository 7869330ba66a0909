import type { TopicConfigValue } from './topic-config.interface';

/** A value Kafka can take as a topic config: text, a finite number or a boolean (sent as their text). */
export function isTopicConfigValue(value: unknown): value is TopicConfigValue {
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}
