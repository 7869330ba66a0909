import 'reflect-metadata';
import { Injectable, Scope, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  InjectProducer,
  KafkaProducer,
  KafkaTopic,
  KarafkaConfigurationError,
  KarafkaModule,
  type KarafkaModuleOptions,
} from '../../../lib';

/**
 * Bootstrap validation through a real Nest app, without a broker: every mistake fails `init()` with one
 * error naming each culprit, before any connection is opened (the brokers below do not exist).
 */
const kafka = { 'bootstrap.servers': '127.0.0.1:1', 'client.id': 'shop' };

async function initError(
  options: KarafkaModuleOptions,
  providers: Type<unknown>[],
): Promise<KarafkaConfigurationError> {
  const moduleRef = await Test.createTestingModule({
    imports: [KarafkaModule.forRoot(options)],
    providers,
  })
    .compile()
    .then((ref) => ref.init());
  await moduleRef.close();
  throw new Error('init() succeeded but should have failed');
}

async function failure(
  options: KarafkaModuleOptions,
  providers: Type<unknown>[] = [],
): Promise<KarafkaConfigurationError> {
  try {
    return await initError(options, providers);
  } catch (error) {
    if (!(error instanceof KarafkaConfigurationError)) throw error;
    return error;
  }
}

describe('bootstrap validation', () => {
  it('reports every problem of the forRoot options at once', async () => {
    const error = await failure({
      kafka,
      clusters: { secondary: { 'bootstrap.servers': '127.0.0.1:2,not-a-broker' } },
      producers: { dr: { cluster: 'europe' } },
      consumer: { startTimeout: -5 },
    });
    const where = error.problems.map((p) => p.where);
    expect(where).toEqual(
      expect.arrayContaining([
        'forRoot.clusters.secondary',
        'forRoot.producers.dr.cluster',
        'forRoot.consumer',
      ]),
    );
    expect(error.message).toContain("'not-a-broker'");
    expect(error.message).toContain("cluster 'europe' is not defined");
    expect(error.message).toContain('startTimeout');
  });

  it('refuses driverLog together with the deprecated logCreator', async () => {
    const error = await failure({ kafka, driverLog: () => undefined, logCreator: () => () => undefined });
    expect(error.problems).toEqual([
      { where: 'forRoot.logCreator', message: expect.stringContaining("give 'driverLog' or the deprecated") },
    ]);
  });

  it('reports every problem of the @KafkaTopic routes at once, naming class and topic', async () => {
    @KafkaTopic('orders', { cluster: 'secndary' })
    class OrdersConsumer {
      async consume(): Promise<void> {}
    }
    @KafkaTopic('audit', { kafka: { 'client.id': 'audit' } })
    class AuditConsumer {
      async consume(): Promise<void> {}
    }
    @KafkaTopic('payments')
    class PaymentsConsumer {}
    @KafkaTopic('orders', { cluster: 'secondary' })
    class DuplicateOrdersConsumer {
      async consume(): Promise<void> {}
    }
    @KafkaTopic('orders', { cluster: 'secondary' })
    class OtherOrdersConsumer {
      async consume(): Promise<void> {}
    }

    const error = await failure(
      { kafka, clusters: { secondary: { 'bootstrap.servers': '127.0.0.1:2' } }, consumerGroup: 'shop' },
      [OrdersConsumer, AuditConsumer, PaymentsConsumer, DuplicateOrdersConsumer, OtherOrdersConsumer],
    );
    const text = error.message;
    expect(text).toContain("@KafkaTopic('orders') on OrdersConsumer: unknown cluster 'secndary'");
    expect(text).toContain("did you mean 'secondary'");
    expect(text).toMatch(/@KafkaTopic\('audit'\) on AuditConsumer: .*inherit: true/);
    expect(text).toContain("@KafkaTopic('payments') on PaymentsConsumer: PaymentsConsumer has no consume");
    expect(text).toContain(
      "@KafkaTopic('orders') on OtherOrdersConsumer: topic 'orders' is routed twice to consumer group 'shop' on cluster 'secondary'",
    );
    expect(error.problems).toHaveLength(4);
  });

  it('reports a request-scoped consumer instead of skipping its topic', async () => {
    @KafkaTopic('orders')
    @Injectable({ scope: Scope.REQUEST })
    class ScopedConsumer {
      async consume(): Promise<void> {}
    }
    const error = await failure({ kafka, consumerGroup: 'shop' }, [ScopedConsumer]);
    expect(error.problems).toEqual([
      {
        where: "@KafkaTopic('orders') on ScopedConsumer",
        message:
          'ScopedConsumer is request-scoped or depends on a request-scoped provider; a consumer needs one static (singleton) instance',
      },
    ]);
  });

  it('names an @InjectProducer that asks for a producer nobody configured', async () => {
    @Injectable()
    class Sender {
      constructor(@InjectProducer('nope') readonly producer: KafkaProducer) {}
    }
    await expect(initError({ kafka }, [Sender])).rejects.toThrow(/@InjectProducer\('nope'\)/);
  });

  it('reports the forRoot options, the routes and the producer injections together, in one error', async () => {
    @KafkaTopic('orders', { cluster: 'secndary' })
    class OrdersConsumer {
      async consume(): Promise<void> {}
    }
    @Injectable()
    class Mailer {
      constructor(@InjectProducer('mailer') readonly producer: KafkaProducer) {}
    }
    const error = await failure(
      {
        kafka,
        clusters: { secondary: { 'bootstrap.servers': '127.0.0.1:2,not-a-broker' } },
        consumerGroup: 'shop',
      },
      [OrdersConsumer, Mailer],
    );
    const where = error.problems.map((p) => p.where);
    expect(where).toEqual(
      expect.arrayContaining(['forRoot.clusters.secondary', "@KafkaTopic('orders') on OrdersConsumer"]),
    );
    expect(error.message).toContain("'not-a-broker'");
    expect(error.message).toContain("@InjectProducer('mailer')");
    expect(error.message).toContain('Mailer constructor (parameter 0)');
  });

  it('reports a missing primary cluster with the other problems instead of failing on its own', async () => {
    @Injectable()
    class Sender {
      constructor(readonly producer: KafkaProducer) {}
    }
    @KafkaTopic('orders')
    class NoConsumeMethod {}
    const error = await failure({ consumerGroup: 'shop' } as KarafkaModuleOptions, [Sender, NoConsumeMethod]);
    expect(error.message).toMatch(/forRoot.*kafka/);
    expect(error.message).toContain("@KafkaTopic('orders') on NoConsumeMethod");
  });

  it('lets two applications in one process ignore the producers each other injects', async () => {
    // Decorated in this process, but only the second application has the class.
    @Injectable()
    class ReportSender {
      constructor(@InjectProducer('reports') readonly producer: KafkaProducer) {}
    }

    const without = await Test.createTestingModule({
      imports: [KarafkaModule.forRoot({ kafka, autoStartConsumers: false })],
    }).compile();
    await without.init();
    await without.close();

    const error = await failure({ kafka }, [ReportSender]);
    expect(error.problems).toEqual([
      expect.objectContaining({ where: 'ReportSender constructor (parameter 0)' }),
    ]);
    expect(error.message).toContain("@InjectProducer('reports')");
  });
});
