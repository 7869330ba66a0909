import type { Provider } from '@nestjs/common';
import { KarafkaMonitor } from '../instrumentation/karafka-monitor';
import {
  KARAFKA_CONSUMER_CLIENTS,
  KARAFKA_DEAD_LETTER_SINK,
  KARAFKA_RUNNER_OPTIONS,
} from './consumer.constants';
import { ConsumerHandlerFactory } from './consumer-handler.factory';
import { ConsumerManager } from './consumer-manager';
import { ConsumerRunnerPool, type ConsumerManagerOptions } from './consumer-runner-pool';
import type { DeadLetterSink } from './dead-letter';
import { KarafkaParamsFactory } from './karafka-params.factory';
import type { ResolvedRunnerOptions } from './runner-options';

/**
 * The consumer side's providers: the params and handler factories (Nest's pipeline around `consume`) and the
 * runners (`ConsumerRunnerPool`, read-only to users as `ConsumerManager`). The root module provides the three tokens they need from the layers above.
 */
export function createConsumerProviders(): Provider[] {
  return [
    KarafkaParamsFactory,
    ConsumerHandlerFactory,
    {
      provide: ConsumerRunnerPool,
      useFactory: (
        clientFor: ConsumerManagerOptions['clientFor'],
        deadLetterSink: DeadLetterSink,
        runner: ResolvedRunnerOptions,
        monitor: KarafkaMonitor,
        handlerFactory: ConsumerHandlerFactory,
      ) => new ConsumerRunnerPool({ clientFor, deadLetterSink, monitor, handlerFactory, ...runner }),
      inject: [
        KARAFKA_CONSUMER_CLIENTS,
        KARAFKA_DEAD_LETTER_SINK,
        KARAFKA_RUNNER_OPTIONS,
        KarafkaMonitor,
        ConsumerHandlerFactory,
      ],
    },
    { provide: ConsumerManager, useExisting: ConsumerRunnerPool },
  ];
}
