/**
 * Import boundaries of lib/, checked by `npm run lint`.
 * Layers from top to bottom: a file may import from its own layer or any layer below it, never above.
 * Folders on one line are peers that must not import each other.
 */
const LAYERS = [
  ['root'], // lib/*.ts: the module, its options, the orchestrator, the public index
  ['cli'],
  // nestjs-karafka/testing: runs an app over the in-memory driver and reads any cluster; nothing imports it.
  ['testing'],
  // The Web UI (nestjs-karafka/web): reports on and shows everything below it.
  ['web'],
  ['discovery'],
  ['topics'],
  // Optional features on their own subpath entries (nestjs-karafka/health, nestjs-karafka/metrics): they read
  // admin, consumers, producers and the monitor.
  ['health', 'metrics'],
  ['jobs'],
  ['admin'],
  ['consumer', 'producer'],
  ['validation'],
  ['message'],
  ['routing'],
  ['instrumentation'],
  ['cluster'],
  ['driver'],
  ['config'],
  // Local Kafka clusters from scripts/kafka for `kafka up` and the jest setup: node only.
  ['testbed'],
  ['common'],
];

// `*.providers.ts` files are the module's wiring kept beside what they wire (as @nestjs/bull does): they
// belong to the root layer wherever they sit.
const PROVIDERS = '\\.providers\\.ts$';
const folderPath = (name) => (name === 'root' ? `(^lib/[^/]+$|${PROVIDERS})` : `^lib/${name}/`);
const any = (names) => `(${names.map(folderPath).join('|')})`;

const layerRules = LAYERS.flatMap((layer, index) => {
  const above = LAYERS.slice(0, index).flat();
  return layer.map((name) => ({
    name: `${name}-imports-up`,
    comment: `lib/${name === 'root' ? '*.ts' : name} may only import from its own layer or below (see LAYERS)`,
    severity: 'error',
    from: name === 'root' ? { path: folderPath(name) } : { path: folderPath(name), pathNot: PROVIDERS },
    // A feature entry's module may compose the providers files under its own folder (KarafkaWebModule and
    // lib/web/reporting's providers): they are its wiring, not a layer above it.
    to: {
      path: any([...above, ...layer.filter((peer) => peer !== name)]),
      ...(name === 'root' ? {} : { pathNot: `^lib/${name}/.*${PROVIDERS}` }),
    },
  }));
}).filter((rule) => rule.name !== 'root-imports-up');

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'kafkajs-outside-driver',
      comment: 'kafkajs is seen only by its driver (lib/driver/kafkajs/); the rest speaks the driver port',
      severity: 'error',
      from: { path: '^lib/', pathNot: '^lib/driver/kafkajs/' },
      to: { path: '(^|/)node_modules/kafkajs/' },
    },
    {
      name: 'librdkafka-outside-driver',
      comment:
        '@confluentinc/kafka-javascript is an optional peer seen only by its driver (lib/driver/librdkafka/), which loads it when selected',
      severity: 'error',
      from: { path: '^lib/', pathNot: '^lib/driver/librdkafka/' },
      to: { path: '(^|/)node_modules/@confluentinc/kafka-javascript/' },
    },
    {
      name: 'terminus-outside-health',
      comment:
        '@nestjs/terminus is an optional peer: only nestjs-karafka/health (lib/health/) loads it, and nothing else ' +
        'loads lib/health/, so the main entry works without it',
      severity: 'error',
      from: { path: '^lib/', pathNot: '^lib/health/' },
      // (^|/): node_modules may be a symlink, resolved as ../<elsewhere>/node_modules.
      to: { path: '((^|/)node_modules/@nestjs/terminus/|^lib/health/)' },
    },
    {
      name: 'prom-client-outside-metrics',
      comment:
        'prom-client is an optional peer: only the nestjs-karafka/metrics entry (lib/metrics/) may load it',
      severity: 'error',
      from: { path: '^lib/', pathNot: '^lib/metrics/' },
      to: { path: '(^|/)node_modules/prom-client/' },
    },
    {
      name: 'web-ui-packages-outside-web',
      comment:
        "The Web UI's browser-side packages (uPlot) are served by nestjs-karafka/web (lib/web/) only, so nothing " +
        'else loads them',
      severity: 'error',
      from: { path: '^lib/', pathNot: '^lib/web/' },
      to: { path: '(^|/)node_modules/uplot/' },
    },
    {
      name: 'no-http-platform-in-lib',
      comment:
        'The Web UI mounts through Nest\'s HttpAdapterHost, so the library runs on Express and Fastify alike: no ' +
        'file of lib/ loads a platform adapter, Express or Fastify (they are the app\'s choice, dev-only here)',
      severity: 'error',
      from: { path: '^lib/' },
      to: { path: '(^|/)node_modules/(@nestjs/platform-[^/]+|express|fastify)/' },
    },
    {
      name: 'testing-is-a-leaf',
      comment:
        'nestjs-karafka/testing (lib/testing/) is for tests: no other part of lib/ imports it, so the main entry ' +
        'never loads @nestjs/testing or the test helpers',
      severity: 'error',
      from: { path: '^lib/', pathNot: '^lib/testing/' },
      to: { path: '^lib/testing/' },
    },
    {
      name: 'nestjs-testing-outside-testing',
      comment: '@nestjs/testing is an optional peer: only nestjs-karafka/testing (lib/testing/) loads it',
      severity: 'error',
      from: { path: '^lib/', pathNot: '^lib/testing/' },
      to: { path: '(^|/)node_modules/@nestjs/testing/' },
    },
    {
      name: 'no-circular',
      comment: 'a cycle means two files cannot be understood (or changed) apart',
      severity: 'error',
      from: { path: '^lib/' },
      to: { circular: true },
    },
    {
      name: 'spec-from-lib',
      comment: 'library code never imports tests or test support',
      severity: 'error',
      from: { path: '^lib/', pathNot: '\\.spec\\.ts$' },
      to: { path: '(\\.spec\\.ts$|^test/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.spec\\.ts$' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
