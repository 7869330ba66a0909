import type * as PromClient from 'prom-client';

export type PromClientModule = typeof PromClient;

let promClient: PromClientModule | undefined;

/**
 * prom-client is an optional peer: loaded when the metrics are first built, so that `nestjs-karafka` itself
 * never needs it. Throws naming the install command when it is missing.
 */
export function loadPromClient(): PromClientModule {
  if (!promClient) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      promClient = require('prom-client') as PromClientModule;
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw cause;
      throw new Error(
        'nestjs-karafka/metrics needs prom-client, an optional peer dependency that is not installed: npm install prom-client',
        { cause },
      );
    }
  }
  return promClient;
}
