/** Child-process entry of one consume contender run (started by bench/run.ts). */
import { workerMain } from '../support/child-task';
import { runConsumeContender, type ConsumeTask } from './consume-contenders';

workerMain<ConsumeTask, unknown>(runConsumeContender);
