/** `globalSetup: 'nestjs-karafka/testing/jest/global-setup'`: the clusters of NESTJS_KARAFKA_CLUSTERS (default primary). */
import { kafkaGlobalSetup } from './kafka-global-setup';

export default kafkaGlobalSetup();
