import { Injectable } from '@nestjs/common';
import { WebTopicsInstaller } from '../reporting/web-topics-installer';
import type { WebAction } from './web-page.interface';

export const INSTALL_TOPICS_PATH = '/status/install-topics';

/** The Status page's fix for missing reporting topics: what `npx nestjs-karafka web install` does, from the UI. */
@Injectable()
export class InstallTopicsAction implements WebAction {
  readonly path = INSTALL_TOPICS_PATH;

  constructor(private readonly installer: WebTopicsInstaller) {}

  async perform(): Promise<{ redirect: string }> {
    const { topics } = await this.installer.install();
    return { redirect: `/status?installed=${topics.filter((topic) => topic.created).length}` };
  }
}
