import { Module } from '@nestjs/common';
import { KarafkaWebModule } from 'nestjs-karafka/web';
import { AppModule } from '../app.module';
import { WEB_CREDENTIALS } from './web-credentials';

/**
 * `npm run demo -- --web`: the sample app with the Web UI at /karafka in its own HTTP server. This process
 * reports (with the default producer, so to the primary cluster) and processes the reports too.
 */
@Module({
  imports: [
    AppModule,
    KarafkaWebModule.forRoot({
      path: '/karafka',
      auth: WEB_CREDENTIALS,
      processing: true,
      // The demo's clusters are scratch ones: create the reporting topics at start (as `web install` would).
      autoMigrate: true,
    }),
  ],
})
export class WebAppModule {}
