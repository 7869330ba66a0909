import type { TopicsMode } from '../topics/topics-plan.interface';
import { oneOf } from './one-of';
import { KAFKA_USAGE, parseKafkaArgs, type KafkaCommand } from './parse-kafka-args';

export const CLI_USAGE = `Usage: nestjs-karafka topics <plan|migrate|align> --module <file>[#ExportName] [--allow-delete] [--verbose]
       nestjs-karafka web install --module <file>[#ExportName] [--verbose]

Boots your app module (consumers are not started), reads the topics it declares with
@KafkaTopic(name, { config }) and forRoot({ topics }), and compares them with each cluster.

  plan      print, per cluster, what would change; changes nothing
  migrate   create missing topics and add partitions
  align     migrate, and also set the declared configs on existing topics

  --module <file>[#Name]  the app's root module: a .js file, or a .ts file when ts-node is installed;
                          #Name picks the export (default: AppModule, or the file's only Nest module)
  --allow-delete          also delete topics on a managed cluster that the app neither declares nor uses
  --verbose               keep the app's own log output (default: warnings and errors only)

  web install  create the Web UI's missing reporting topics on the reporting cluster (the Web producer's:
               primary unless KarafkaWebModule.forRoot({ producer }) redefines it); existing ones are left
               as they are. Takes --module and --verbose as above.

${KAFKA_USAGE}`;

export type TopicsAction = 'plan' | TopicsMode;

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'topics'; action: TopicsAction; module: string; allowDelete: boolean; verbose: boolean }
  | { kind: 'web'; action: WebAction; module: string; verbose: boolean }
  | KafkaCommand;

export type WebAction = 'install';

const ACTIONS: readonly TopicsAction[] = ['plan', 'migrate', 'align'];
const WEB_ACTIONS: readonly WebAction[] = ['install'];

/** Parses the CLI's arguments; throws an Error saying what is wrong (the caller prints the usage). */
export function parseCliArgs(argv: string[]): CliCommand {
  if (argv.length === 0 || argv.some((arg) => arg === '--help' || arg === '-h' || arg === 'help'))
    return { kind: 'help' };
  const [command, action, ...rest] = argv;
  if (command === 'kafka') return parseKafkaArgs(argv.slice(1));
  if (command === 'web') {
    const webAction = oneOf('web', WEB_ACTIONS, action);
    const { module, verbose } = parseAppFlags(
      rest,
      [],
      'the app module whose KarafkaWebModule names the reporting cluster',
    );
    return { kind: 'web', action: webAction, module, verbose };
  }
  if (command !== 'topics') throw new Error(`unknown command '${command}' (the CLI has: topics, web, kafka)`);
  const topicsAction = oneOf('topics', ACTIONS, action);
  const { module, verbose, flags } = parseAppFlags(
    rest,
    ['--allow-delete'],
    'the app module to read the declarations from',
  );
  return { kind: 'topics', action: topicsAction, module, allowDelete: flags.has('--allow-delete'), verbose };
}

/** The flags of a command that boots the app: `--module` (required), `--verbose`, and the command's own. */
function parseAppFlags(
  rest: string[],
  own: readonly string[],
  moduleIs: string,
): { module: string; verbose: boolean; flags: Set<string> } {
  let module: string | undefined;
  let verbose = false;
  const flags = new Set<string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (own.includes(arg)) flags.add(arg);
    else if (arg === '--verbose') verbose = true;
    else if (arg === '--module') {
      module = rest[++i];
      if (module === undefined || module.startsWith('--')) throw new Error("'--module' needs a file path");
    } else if (arg.startsWith('--module=')) module = arg.slice('--module='.length);
    else throw new Error(`unknown argument '${arg}'`);
  }
  if (!module) throw new Error(`'--module <file>' is required: ${moduleIs}`);
  return { module, verbose, flags };
}
