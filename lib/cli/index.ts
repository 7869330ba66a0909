export { runCli, type CliOutput } from './karafka-cli';
export { KARAFKA_CLI_ENV, isKarafkaCliRun } from './cli-run';
