import type { WebDelivery } from './web-tracker';
import type { WebTopicNames } from './web-reporting-options.interface';
import type { ProcessView, ReportingClusterInfo, StatusCheck } from './web-report.interface';

/** A report received further than this from its own time means a clock is off (or processing lags that much). */
export const MAX_CLOCK_SKEW_MS = 5000;
/** The state counts as stale after this many tracking intervals without a new one. */
export const STALE_AFTER_INTERVALS = 3;

/** What the status page looks at, gathered by the read model. */
export interface StatusInputs {
  now: number;
  reporting: ReportingClusterInfo;
  topics: Required<WebTopicNames>;
  /** The reporting cluster's topics, or why they could not be listed. */
  clusterTopics: { names: string[]; reportsPartitions?: number } | { error: string };
  processes: ProcessView[];
  ownProcessId: string;
  /** The processing consumer's subscription group and consumer group. */
  processing: { subscriptionGroup: string; consumerGroup: string };
  /** When and by which process the state was last published. */
  published?: { at: number; by: string };
  webProducer: string;
  delivery: WebDelivery;
  trackingInterval: number;
}

const seconds = (ms: number): string => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);
const processName = (view: ProcessView): string => `${view.process.host}:${view.process.pid}`;

/**
 * The status page's self-diagnosis, purely: each check says what it found and, when it fails, how to fix it.
 * The first one names the reporting cluster and why it is the one, the seed's trap made visible.
 */
export function statusChecks(inputs: StatusInputs): StatusCheck[] {
  const up = inputs.processes.filter((view) => view.status === 'up');
  return [
    {
      name: 'Reporting cluster',
      ok: true,
      detail: `${inputs.reporting.name} (${inputs.reporting.brokers.join(',')}). ${inputs.reporting.reason}`,
    },
    topicsCheck(inputs),
    processingCheck(inputs, up),
    reportsCheck(inputs, up),
    webProducerCheck(inputs),
    clocksCheck(up),
  ];
}

function topicsCheck({ reporting, topics, clusterTopics }: StatusInputs): StatusCheck {
  const name = 'Reporting topics';
  const where = `cluster '${reporting.name}' (${reporting.brokers.join(',')})`;
  if ('error' in clusterTopics) {
    return {
      name,
      ok: false,
      detail: `The topics of ${where} cannot be listed: ${clusterTopics.error}`,
      fix: `Check that ${where} is reachable from this process and that its principal may describe topics.`,
    };
  }
  const wanted = Object.values(topics);
  const missing = wanted.filter((topic) => !clusterTopics.names.includes(topic));
  if (missing.length > 0) {
    return {
      name,
      ok: false,
      detail: `Missing on ${where}: ${missing.join(', ')}.`,
      fix:
        'Create them on the reporting cluster: run `npx nestjs-karafka web install --module <your app module file>`, ' +
        'or set `autoMigrate: true` in KarafkaWebModule.forRoot.',
    };
  }
  if (clusterTopics.reportsPartitions !== undefined && clusterTopics.reportsPartitions !== 1) {
    return {
      name,
      ok: false,
      detail: `'${topics.reports}' has ${clusterTopics.reportsPartitions} partitions.`,
      fix: `The reports topic needs exactly one partition, so one consumer materialises every report in order: delete '${topics.reports}' and run \`npx nestjs-karafka web install --module <your app module file>\` again.`,
    };
  }
  return { name, ok: true, detail: `All ${wanted.length} exist on ${where}: ${wanted.join(', ')}.` };
}

function processingCheck(inputs: StatusInputs, up: ProcessView[]): StatusCheck {
  const name = 'Processing consumer';
  const { subscriptionGroup, consumerGroup } = inputs.processing;
  const members = up.filter((view) =>
    view.groups.some(
      (group) =>
        group.subscriptionGroup === subscriptionGroup &&
        group.groupId === consumerGroup &&
        group.cluster === inputs.reporting.name &&
        group.state === 'running',
    ),
  );
  const staleAfter = STALE_AFTER_INTERVALS * inputs.trackingInterval;
  const age = inputs.published ? inputs.now - inputs.published.at : undefined;
  const running = `consumer group '${consumerGroup}' on cluster '${inputs.reporting.name}'`;
  if (members.length === 0 && (age === undefined || age > staleAfter)) {
    return {
      name,
      ok: false,
      detail: `No process runs the processing consumer (${running})${age === undefined ? '' : `; the state was last published ${seconds(age)} ago`}.`,
      fix: 'Set `processing: true` in KarafkaWebModule.forRoot of one app (its replicas share the work; one materialises at a time).',
    };
  }
  if (age === undefined || age > staleAfter) {
    return {
      name,
      ok: false,
      detail: `The processing consumer runs in ${members.map(processName).join(', ')} but ${age === undefined ? 'has published no state yet' : `last published the state ${seconds(age)} ago`}.`,
      fix: `Look at its lag on '${inputs.topics.reports}' (Processes page) and its failures (Errors page): it publishes every few seconds while reports arrive.`,
    };
  }
  const by = inputs.processes.find((view) => view.process.id === inputs.published!.by);
  return {
    name,
    ok: true,
    detail: `Runs in ${members.map(processName).join(', ') || 'a process not reporting now'} (${running}); the state was published ${seconds(age)} ago${by ? ` by ${processName(by)}` : ''}.`,
  };
}

function reportsCheck(inputs: StatusInputs, up: ProcessView[]): StatusCheck {
  const name = 'Reports arriving';
  const fix =
    'Reports reach the pages through the Web producer and the processing consumer: see their checks. ' +
    `A process that stopped reporting is shown gone after the process TTL.`;
  if (up.length === 0) {
    return { name, ok: false, detail: 'No process has reported within the process TTL.', fix };
  }
  const listed = `${up.length} process${up.length === 1 ? '' : 'es'} reporting: ${up.map(processName).join(', ')}`;
  if (!up.some((view) => view.process.id === inputs.ownProcessId)) {
    return {
      name,
      ok: false,
      detail: `${listed}; this process (${inputs.ownProcessId}) is not among them.`,
      fix,
    };
  }
  return { name, ok: true, detail: `${listed}.` };
}

function webProducerCheck({
  webProducer,
  delivery,
  reporting,
  topics,
  trackingInterval,
  now,
}: StatusInputs): StatusCheck {
  const name = 'Web producer';
  const where = `cluster '${reporting.name}' (${reporting.brokers.join(',')})`;
  const failedLast =
    delivery.lastFailedAt !== undefined && (delivery.lastDeliveredAt ?? -Infinity) < delivery.lastFailedAt;
  if (failedLast) {
    return {
      name,
      ok: false,
      detail: `'${webProducer}' could not deliver this process's last report: ${delivery.lastError}`,
      fix: `Check that ${where} is reachable and that the app's principal may write to '${topics.reports}' and '${topics.errors}'.`,
    };
  }
  if (delivery.lastDeliveredAt === undefined) {
    return {
      name,
      ok: false,
      detail: `'${webProducer}' has delivered no report of this process yet.`,
      fix: `Reports go out every ${trackingInterval} ms once the app has started; if none ever does, check the app's log for this producer's errors.`,
    };
  }
  return {
    name,
    ok: true,
    detail: `'${webProducer}' delivered ${delivery.delivered} report(s) to '${topics.reports}' on ${where}, the last ${seconds(now - delivery.lastDeliveredAt)} ago.`,
  };
}

function clocksCheck(up: ProcessView[]): StatusCheck {
  const name = 'Clocks';
  if (up.length === 0) return { name, ok: true, detail: 'No report to compare yet.' };
  const widest = up
    .map((view) => ({ view, skew: view.receivedAt - view.reportedAt }))
    .reduce((a, b) => (Math.abs(b.skew) > Math.abs(a.skew) ? b : a));
  const how = `${processName(widest.view)}'s last report was received ${seconds(Math.abs(widest.skew))} ${widest.skew >= 0 ? 'after' : 'before'} its own time`;
  if (Math.abs(widest.skew) <= MAX_CLOCK_SKEW_MS) return { name, ok: true, detail: `Widest gap: ${how}.` };
  return {
    name,
    ok: false,
    detail: `${how} (more than ${seconds(MAX_CLOCK_SKEW_MS)}).`,
    fix:
      "Synchronise the clocks of the app's hosts (NTP): processes are shown up or gone by their reports' times. " +
      'If the clocks agree, the processing consumer lags that much behind the reports.',
  };
}
