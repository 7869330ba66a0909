import 'reflect-metadata';
import { KafkaJobDispatcher } from './kafka-job-dispatcher';
import { KafkaJobRegistry } from './kafka-job-registry';
import { KafkaJob, getKafkaJobMetadata } from './kafka-job.decorator';
import type { ProducerRegistry } from '../producer/producer-registry';
import { KarafkaMonitor } from '../instrumentation/karafka-monitor';

@KafkaJob('mailers')
class SendMail {
  perform(): void {}
}

@KafkaJob('mailers')
class NotAProvider {
  perform(): void {}
}

class Plain {}

/** Producer lookups only: the registry binds each job to its producer by name. */
const producers = {
  names: () => ['default'],
  get: (name = 'default') => ({ name, cluster: 'primary' }),
} as unknown as ProducerRegistry;

function registry(): KafkaJobRegistry {
  return new KafkaJobRegistry(producers, { logRoutingTable: false }, new KarafkaMonitor());
}

describe('KafkaJobRegistry', () => {
  it('hands the routing builder one dispatcher with a declaration per job route', () => {
    const jobs = registry();
    const { consumers, problems } = jobs.prepare([
      { target: SendMail, metadata: getKafkaJobMetadata(SendMail), instance: new SendMail(), isStatic: true },
    ]);
    expect(problems).toEqual([]);
    expect(consumers).toEqual([
      {
        instance: expect.any(KafkaJobDispatcher),
        declarations: [
          {
            topic: 'mailers',
            options: { cluster: 'primary', deadLetterQueue: { topic: 'mailers.dlq' } },
            className: 'jobs[SendMail]',
            target: KafkaJobDispatcher,
            hasConsumeMethod: true,
          },
        ],
      },
    ]);
    expect(jobs.get(SendMail)).toMatchObject({
      name: 'SendMail',
      topic: 'mailers',
      producer: 'default',
      cluster: 'primary',
    });
    expect(jobs.jobProducers()).toEqual(['default']);
  });

  it('says why a class cannot be enqueued', () => {
    const jobs = registry();
    expect(() => jobs.get(SendMail)).toThrow(
      'KafkaJobs is not ready: jobs are collected when KarafkaModule initialises (onModuleInit); enqueue from onApplicationBootstrap or later',
    );
    jobs.prepare([]);
    expect(() => jobs.get(Plain)).toThrow(
      "Plain is not a job: decorate it with @KafkaJob(topic) and add it to a module's providers",
    );
    expect(() => jobs.get(NotAProvider)).toThrow(
      "NotAProvider is decorated with @KafkaJob but is not a provider of this app (add it to a module's providers)",
    );
    expect(() => jobs.get('SendMail')).toThrow('enqueue expects a @KafkaJob class, got "SendMail"');
  });
});
