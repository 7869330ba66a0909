/** What the soak tells each consuming child (bench/soak/soak-consumer-app.ts), as JSON in this variable. */
export const SOAK_CONSUMER_ENV = 'SOAK_CONSUMER';

export interface SoakConsumerTask {
  primaryBrokers: string;
  secondaryBrokers: string;
  topic: string;
  group: string;
}
