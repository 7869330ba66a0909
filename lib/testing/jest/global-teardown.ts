/** `globalTeardown: 'nestjs-karafka/testing/jest/global-teardown'`: stops what the global setup started. */
import { kafkaGlobalTeardown } from './kafka-global-setup';

export default kafkaGlobalTeardown();
