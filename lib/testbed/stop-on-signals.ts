/**
 * Runs `stop` (synchronous, e.g. stopping brokers with the scripts) when the process is interrupted, then exits
 * with the signal's conventional code: jest skips its global teardown on Ctrl-C, so brokers a setup started would
 * outlive the run otherwise.
 */
export function stopOnSignals(stop: () => void): void {
  const codes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
  for (const [signal, code] of Object.entries(codes)) {
    process.once(signal, () => {
      stop();
      process.exit(code);
    });
  }
}
