import { isNumberIn } from '../common/is-number-in';
import { isPlainObject } from '../common/is-plain-object';
import { didYouMean } from '../config/did-you-mean';
import type { ConfigProblem } from '../config/kafka-config.types';
import { KarafkaConfigurationError } from '../config/karafka-configuration.error';
import { DEFAULT_HEALTH } from '../config/karafka.defaults';
import { HEALTH_MESSAGES as M, MAX_MS } from './health.messages';
import type { KarafkaHealthOptions, ResolvedHealthOptions } from './health-options.interface';

const KEYS = Object.keys(DEFAULT_HEALTH) as Array<keyof ResolvedHealthOptions>;
const WHERE = 'KarafkaHealthModule.forRoot';

/** `forRoot`'s options with the defaults applied; throws a KarafkaConfigurationError naming every bad option. */
export function readHealthOptions(input: KarafkaHealthOptions | undefined): ResolvedHealthOptions {
  const options: ResolvedHealthOptions = { ...DEFAULT_HEALTH };
  if (input === undefined) return options;
  const problems: ConfigProblem[] = [];
  if (!isPlainObject(input)) problems.push({ where: WHERE, message: M.optionsNotObject(input) });
  else {
    for (const [key, value] of Object.entries(input)) {
      if (!(KEYS as string[]).includes(key)) {
        problems.push({ where: WHERE, message: M.unknownOption(key, didYouMean(key, KEYS)) });
      } else if (value !== undefined) {
        if (isNumberIn(value, 1, MAX_MS)) options[key as keyof ResolvedHealthOptions] = value;
        else problems.push({ where: WHERE, message: M.notPositiveInteger(key, value) });
      }
    }
  }
  if (problems.length > 0) throw new KarafkaConfigurationError(problems);
  return options;
}
