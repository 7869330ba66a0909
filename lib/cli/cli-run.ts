/**
 * Set by `npx nestjs-karafka` while it boots the user's app module: the app must come up far enough to
 * build its routing table, but must not start consumers or migrate topics on its own.
 */
export const KARAFKA_CLI_ENV = 'NESTJS_KARAFKA_CLI';

/** True inside a `nestjs-karafka` CLI run (the orchestrator then skips starting consumers and autoMigrate). */
export function isKarafkaCliRun(): boolean {
  return process.env[KARAFKA_CLI_ENV] === '1';
}
