import { deferred } from '../common/deferred';
import { ClusterProbe } from './cluster-probe';

describe('ClusterProbe', () => {
  afterEach(() => jest.useRealTimers());

  it('reports a cluster that answers reachable, with the time it took', async () => {
    let clock = 0;
    const probe = new ClusterProbe(
      async () => {
        clock += 12;
      },
      () => clock,
    );
    await expect(probe.probe('primary', 3000)).resolves.toEqual({ reachable: true, latencyMs: 12 });
  });

  it('reports the request error of a cluster that refuses', async () => {
    const probe = new ClusterProbe(async (cluster) => {
      throw new Error(`KarafkaAdmin.clusterInfo() on cluster '${cluster}' failed: Connection error`);
    });
    await expect(probe.probe('secondary', 3000)).resolves.toEqual({
      reachable: false,
      error: "KarafkaAdmin.clusterInfo() on cluster 'secondary' failed: Connection error",
    });
  });

  it('gives up after the timeout, and keeps one request per cluster in flight', async () => {
    jest.useFakeTimers();
    const answer = deferred<void>();
    const request = jest.fn(() => answer.promise);
    const probe = new ClusterProbe(request);

    const first = probe.probe('secondary', 3000);
    await jest.advanceTimersByTimeAsync(3000);
    await expect(first).resolves.toEqual({
      reachable: false,
      error: 'no answer to a metadata request within 3000 ms',
    });

    const second = probe.probe('secondary', 3000);
    expect(request).toHaveBeenCalledTimes(1);
    answer.resolve();
    await expect(second).resolves.toMatchObject({ reachable: true });

    await probe.probe('secondary', 3000);
    expect(request).toHaveBeenCalledTimes(2);
  });

  it('probes clusters independently', async () => {
    const stuck = deferred<void>();
    const probe = new ClusterProbe((cluster) =>
      cluster === 'secondary' ? stuck.promise : Promise.resolve(),
    );
    const [primary, secondary] = await Promise.all([
      probe.probe('primary', 50),
      probe.probe('secondary', 50),
    ]);
    expect(primary.reachable).toBe(true);
    expect(secondary.reachable).toBe(false);
  });
});
