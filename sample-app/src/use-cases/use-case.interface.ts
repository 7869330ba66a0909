/** One scenario of the demo: it produces somewhere and waits until its consumers saw what it expects. */
export interface UseCase {
  readonly title: string;
  /** Produces the scenario's messages tagged with `runId`; returns lines saying what went where. */
  produce(runId: string): Promise<string[]>;
  /** How many consumed entries tagged with `runId` the scenario expects. */
  readonly expectedConsumed: number;
}
