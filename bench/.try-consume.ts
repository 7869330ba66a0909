import { parseBenchOptions } from './support/bench-options';
import { buildForChildren } from './support/child-build';
import { Cleanup } from './support/cleanup';
import { runConsumeSuite } from './consume/consume-suite';
async function main() {
  const options = parseBenchOptions(process.argv.slice(2));
  const t = performance.now();
  console.log('built', buildForChildren(), 'files in', Math.round(performance.now() - t), 'ms');
  const cleanup = new Cleanup();
  try {
    const r = await runConsumeSuite(options, cleanup);
    for (const f of Object.values(r.contenders)) console.log(f.contender, Math.round(f.rate.median), f.rate.values.map(Math.round), Math.round(f.startToFirstMessageMs.median));
  } finally { await cleanup.run(); }
}
main().catch((e) => { console.error(e); process.exit(1); });
