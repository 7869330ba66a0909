import { benchName, createTopics, fillTopic } from './support/bench-topics';
import { buildForChildren, builtBenchFile } from './support/child-build';
import { runChild } from './support/child-task';
import { runConsumeContender, type ConsumeRun, type ConsumeTask, type ConsumeContender } from './consume/consume-contenders';
async function main() {
  const [topicArg, n, contendersArg, prof, repeat] = process.argv.slice(2);
  const messages = Number(n);
  buildForChildren();
  let topic = topicArg;
  if (topic === 'new') {
    topic = benchName('exp');
    await createTopics('127.0.0.1:19092', [{ topic, partitions: 6 }]);
    await fillTopic('127.0.0.1:19092', { topic, partitions: 6, from: 0, to: messages, payloadBytes: 1024 });
    console.log('TOPIC', topic);
  }
  for (let r = 0; r < Number(repeat || 1); r++)
  for (const contender of contendersArg.split(',') as ConsumeContender[]) {
    const task: ConsumeTask = { contender, brokers: { primary: '127.0.0.1:19092', secondary: '127.0.0.1:29092' }, topics: [{ topic, cluster: 'primary' }], expected: messages, groupId: benchName('exp-' + contender), timeoutMs: 300000 };
    const run = prof === 'inline' ? await runConsumeContender(task) : await runChild<ConsumeTask, ConsumeRun>(builtBenchFile('consume/consume-worker.ts'), task, { timeoutMs: 400000, cpuProfDir: prof && prof !== '-' && prof !== 'inline' ? prof : undefined, cpuProfName: `${contender}-${r}.cpuprofile` });
    console.log(r, contender, Math.round(run.messagesPerSecond), 'msg/s', Math.round(run.consumeMs), 'ms', run.duplicates, 'heapMiB', Math.round(process.memoryUsage().heapUsed/1048576), 'rssMiB', Math.round(process.memoryUsage().rss/1048576), 'resources', process.getActiveResourcesInfo().length);
  }
}
main().catch((e) => { console.error(e); process.exit(1); });
