/**
 * Set by `npx nestjs-karafka` while it boots the user's app module: the app must come up far enough to
 * build its routing table, but must not start consumers, migrate topics or report to the Web UI on its own.
 * In common/ so every layer that must stay quiet in a CLI run can read it (the Web UI's reporting sits below
 * the CLI).
 */
export const KARAFKA_CLI_ENV = 'NESTJS_KARAFKA_CLI';

/** True inside a `nestjs-karafka` CLI run (consumers, autoMigrate and Web reporting then stay off). */
export function isKarafkaCliRun(): boolean {
  return process.env[KARAFKA_CLI_ENV] === '1';
}
