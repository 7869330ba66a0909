import type { Provider, Type } from '@nestjs/common';
import { WEB_ACTIONS, WEB_PAGES, WEB_UI_OPTIONS } from '../web.tokens';
import { ClustersPage } from './clusters.page';
import { DashboardPage } from './dashboard.page';
import { ErrorsPage } from './errors.page';
import { HealthPage } from './health.page';
import { PartitionHistory } from '../health/partition-history';
import type { ResolvedWebUiOptions } from '../karafka-web-options.interface';
import { InstallTopicsAction } from './install-topics.action';
import { DeadLetterStore } from '../dead-letters/dead-letter-store';
import { ReplayLog } from '../dead-letters/replay-log';
import { DeadLettersPage } from './dead-letters.page';
import { ExplorerMessagePage } from './explorer-message.page';
import { ExplorerSearchPage } from './explorer-search.page';
import { ExplorerPartitionPage } from './explorer-partition.page';
import { ExplorerTopicPage } from './explorer-topic.page';
import { ExplorerPage } from './explorer.page';
import { ReplayAction } from './replay.action';
import { ReplayConfirmPage } from './replay-confirm.page';
import { GroupOffsetsPage } from './group-offsets.page';
import { OffsetMoveAction } from './offset-move.action';
import { OffsetMoveConfirmPage } from './offset-move-confirm.page';
import { OffsetsPage } from './offsets.page';
import { JobsPage } from './jobs.page';
import { ProcessesPage } from './processes.page';
import { ProducersPage } from './producers.page';
import { RoutingPage } from './routing.page';
import { StatusPage } from './status.page';
import type { WebAction, WebPage } from './web-page.interface';

/** Every page, in navigation order: a new page is a class here. */
export const WEB_PAGE_TYPES: Array<Type<WebPage>> = [
  DashboardPage,
  ProcessesPage,
  RoutingPage,
  ProducersPage,
  JobsPage,
  ErrorsPage,
  ClustersPage,
  ExplorerPage,
  ExplorerTopicPage,
  ExplorerPartitionPage,
  ExplorerMessagePage,
  ExplorerSearchPage,
  DeadLettersPage,
  ReplayConfirmPage,
  OffsetsPage,
  GroupOffsetsPage,
  OffsetMoveConfirmPage,
  HealthPage,
  StatusPage,
];

/** Every POST action: a new action is a class here. */
export const WEB_ACTION_TYPES: Array<Type<WebAction>> = [InstallTopicsAction, ReplayAction, OffsetMoveAction];

export function webPageProviders(): Provider[] {
  return [
    DeadLetterStore,
    ReplayLog,
    {
      provide: PartitionHistory,
      useFactory: (options: ResolvedWebUiOptions) => new PartitionHistory(options.health.lagGrowingForMs),
      inject: [WEB_UI_OPTIONS],
    },
    ...WEB_PAGE_TYPES,
    ...WEB_ACTION_TYPES,
    { provide: WEB_PAGES, useFactory: (...pages: WebPage[]) => pages, inject: WEB_PAGE_TYPES },
    { provide: WEB_ACTIONS, useFactory: (...actions: WebAction[]) => actions, inject: WEB_ACTION_TYPES },
  ];
}
