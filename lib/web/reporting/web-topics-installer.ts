import { Logger, type OnModuleInit } from '@nestjs/common';
import type { KarafkaAdmin } from '../../admin/karafka-admin';
import { isKarafkaCliRun } from '../../common/cli-run';
import { errorMessage } from '../../common/error-message';
import { WEB_REPORTING_MESSAGES as M } from './web-reporting.messages';
import type { ReportingClusterInfo } from './web-report.interface';
import { describeTopicSpec, type WebTopicSpec } from './web-topics';

/**
 * Global token of the installer. `Symbol.for` so `npx nestjs-karafka web install` finds it even when the app
 * module loaded another copy of the library than the CLI's own.
 */
export const WEB_TOPICS_INSTALLER = Symbol.for('nestjs-karafka:web-topics-installer');

export interface WebInstallResult {
  cluster: ReportingClusterInfo;
  topics: Array<{ spec: WebTopicSpec; created: boolean }>;
}

/**
 * Creates the missing reporting topics on the reporting cluster (`web install`, or `autoMigrate: true` while the
 * module initialises, before consumers subscribe to them). Idempotent: existing topics are left as they are.
 */
export class WebTopicsInstaller implements OnModuleInit {
  private readonly logger = new Logger('KarafkaWeb');

  constructor(
    /** Bound to the reporting cluster. */
    private readonly admin: KarafkaAdmin,
    private readonly cluster: ReportingClusterInfo,
    private readonly specs: WebTopicSpec[],
    private readonly autoMigrate: boolean,
  ) {}

  async install(): Promise<WebInstallResult> {
    const existing = new Set(await this.admin.listTopics());
    const topics: WebInstallResult['topics'] = [];
    for (const spec of this.specs) {
      if (existing.has(spec.name)) {
        topics.push({ spec, created: false });
        continue;
      }
      try {
        await this.admin.createTopic(spec.name, spec.options);
        topics.push({ spec, created: true });
      } catch (error) {
        // Another process of the app may have created it meanwhile; anything else is a real failure.
        if (!(await this.admin.listTopics()).includes(spec.name)) throw error;
        topics.push({ spec, created: false });
      }
    }
    return { cluster: this.cluster, topics };
  }

  async onModuleInit(): Promise<void> {
    if (!this.autoMigrate || isKarafkaCliRun()) return;
    let result: WebInstallResult;
    try {
      result = await this.install();
    } catch (error) {
      throw new Error(M.autoMigrateFailed(errorMessage(error)), { cause: error });
    }
    if (result.topics.some((topic) => topic.created)) this.logger.log(formatWebInstall(result));
  }
}

/** What `web install` prints: the cluster, then each topic created or found. */
export function formatWebInstall({ cluster, topics }: WebInstallResult): string {
  return [
    M.installHeader(cluster.name, cluster.brokers),
    ...topics.map(({ spec, created }) =>
      created ? M.installCreated(spec.name, describeTopicSpec(spec)) : M.installExists(spec.name),
    ),
    cluster.reason,
  ].join('\n');
}
