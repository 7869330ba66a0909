import { runCli } from './karafka-cli';

// Exit explicitly: a user's app may keep handles open (timers, pools) after it closes.
runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `nestjs-karafka: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
