import { Module } from '@nestjs/common';
import { WebAuthenticator } from './http/web-authenticator';
import { KarafkaWebServer } from './http/web-server';
import type { KarafkaWebModuleOptions } from './karafka-web-module-options.interface';
import { KARAFKA_WEB_MODULE_OPTIONS, KarafkaWebConfigurableModule } from './karafka-web.module-definition';
import { webPageProviders } from './pages/web-pages';
import { createWebReportingProviders } from './reporting/web-reporting.providers';
import { readWebUiOptions } from './read-web-ui-options';
import { WEB_UI_OPTIONS } from './web.tokens';

/**
 * The Web UI: `KarafkaWebModule.forRoot({ path: '/karafka', auth: { username, password } })` (or
 * `forRootAsync`) next to `KarafkaModule.forRoot(...)` in an HTTP app (Express or Fastify). Every process
 * that imports it reports; the ones with an HTTP server serve the pages at `path`. `auth` is required:
 * a start without it fails saying how to set it.
 */
@Module({
  providers: [
    {
      provide: WEB_UI_OPTIONS,
      useFactory: (options: KarafkaWebModuleOptions) => readWebUiOptions(options),
      inject: [KARAFKA_WEB_MODULE_OPTIONS],
    },
    WebAuthenticator,
    KarafkaWebServer,
    ...webPageProviders(),
    ...createWebReportingProviders(KARAFKA_WEB_MODULE_OPTIONS),
  ],
})
export class KarafkaWebModule extends KarafkaWebConfigurableModule {}
