/** e2e global teardown: stops the test bed clusters that global-setup.ts started (and only those). */
import { stopStartedClusters } from './testbed-control';

export default async function globalTeardown(): Promise<void> {
  stopStartedClusters();
}
