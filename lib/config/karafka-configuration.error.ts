import { CONFIG_MESSAGES } from './config.messages';
import type { ConfigProblem } from './kafka-config.types';

/** Every configuration problem found at bootstrap, reported at once, one per line. */
export class KarafkaConfigurationError extends Error {
  override readonly name = 'KarafkaConfigurationError';

  constructor(readonly problems: ConfigProblem[]) {
    super(
      [
        CONFIG_MESSAGES.errorHeader(problems.length),
        ...problems.map((p) => ` - ${p.where}: ${p.message}`),
      ].join('\n'),
    );
  }
}
