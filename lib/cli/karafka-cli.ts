import { errorMessage } from '../common/error-message';
import type { INestApplicationContext } from '@nestjs/common';
import { dirname } from 'path';
import { DECLARATIVE_TOPICS, type DeclarativeTopics } from '../topics/declarative-topics';
import { formatTopicsPlan } from '../topics/format-topics-plan';
import { countProblems } from '../topics/plan-topics';
import { KARAFKA_CLI_ENV } from './cli-run';
import type { CliOutput } from './cli-output.interface';
import { runKafkaCommand } from './kafka-command';
import { loadAppModule } from './load-app-module';
import { CLI_USAGE, parseCliArgs, type CliCommand } from './parse-cli-args';

const consoleOutput: CliOutput = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Exit codes: 0 done, 1 the plan has problems or something failed, 2 bad arguments. */
export async function runCli(
  argv: string[],
  output: CliOutput = consoleOutput,
  cwd = process.cwd(),
): Promise<number> {
  let command: CliCommand;
  try {
    command = parseCliArgs(argv);
  } catch (error) {
    output.err(`nestjs-karafka: ${errorMessage(error)}\n\n${CLI_USAGE}`);
    return 2;
  }
  if (command.kind === 'help') {
    output.out(CLI_USAGE);
    return 0;
  }
  if (command.kind === 'kafka') return runKafkaCommand(command, output, cwd);

  process.env[KARAFKA_CLI_ENV] = '1';
  let app: INestApplicationContext | undefined;
  try {
    const loaded = loadAppModule(command.module, cwd);
    app = await createContext(loaded.module, loaded.file, command.verbose);
    const topics = findDeclarativeTopics(app, loaded.exportName);

    const plan = await topics.plan({ allowDelete: command.allowDelete });
    output.out(formatTopicsPlan(plan, command.action === 'plan' ? undefined : command.action));
    const problems = countProblems(plan);
    if (problems > 0) {
      output.err(
        `nestjs-karafka topics ${command.action}: ${problems} problem(s) in the plan (marked '!'); nothing was applied`,
      );
      return 1;
    }
    if (command.action === 'plan') return 0;
    const changes = await topics.apply(plan, command.action);
    output.out(
      changes === 0
        ? `topics ${command.action}: nothing to change`
        : `topics ${command.action}: applied ${changes} change(s)`,
    );
    return 0;
  } catch (error) {
    output.err(`nestjs-karafka topics ${command.action} failed: ${errorMessage(error)}`);
    return 1;
  } finally {
    await app?.close();
  }
}

/** Boots the module with the user's own copy of Nest, so its providers and decorators are the ones resolved. */
async function createContext(
  module: unknown,
  file: string,
  verbose: boolean,
): Promise<INestApplicationContext> {
  const corePath = require.resolve('@nestjs/core', { paths: [dirname(file), __dirname] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { NestFactory } = require(corePath) as typeof import('@nestjs/core');
  return NestFactory.createApplicationContext(module as never, {
    logger: verbose ? undefined : ['error', 'warn'],
    abortOnError: false,
  });
}

function findDeclarativeTopics(
  app: INestApplicationContext,
  exportName: string,
): Pick<DeclarativeTopics, 'plan' | 'apply'> {
  try {
    return app.get<Pick<DeclarativeTopics, 'plan' | 'apply'>>(DECLARATIVE_TOPICS, { strict: false });
  } catch {
    throw new Error(
      `${exportName} does not import KarafkaModule (KarafkaModule.forRoot/forRootAsync), so it declares no topics`,
    );
  }
}
