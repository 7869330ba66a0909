import type { Provider } from '@nestjs/common';
import { KarafkaAdmin } from '../admin/karafka-admin';
import { ClusterRegistry } from '../routing/cluster-registry';
import type { DeclarativeTopicsOptions } from './topics-options.interface';
import { KARAFKA_MODULE_OPTIONS } from '../karafka.module-definition';
import { DECLARATIVE_TOPICS, DeclarativeTopics } from './declarative-topics';

/** `DeclarativeTopics` by its class, and under the global `DECLARATIVE_TOPICS` token the CLI looks up. */
export function createDeclarativeTopicsProviders(): Provider[] {
  return [
    {
      provide: DeclarativeTopics,
      useFactory: (options: DeclarativeTopicsOptions, registry: ClusterRegistry, admin: KarafkaAdmin) =>
        new DeclarativeTopics(options, registry, admin),
      inject: [KARAFKA_MODULE_OPTIONS, ClusterRegistry, KarafkaAdmin],
    },
    { provide: DECLARATIVE_TOPICS, useExisting: DeclarativeTopics },
  ];
}
