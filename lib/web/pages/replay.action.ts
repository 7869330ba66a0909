import { Inject, Injectable } from '@nestjs/common';
import { ClusterRegistry } from '../../routing/cluster-registry';
import { readDeadLetter } from '../dead-letters/dead-letter-info';
import { DeadLetterStore } from '../dead-letters/dead-letter-store';
import { ReplayLog } from '../dead-letters/replay-log';
import { parseReplaySelection } from '../dead-letters/replay-selection';
import { clusterParam } from '../explorer/explorer-request';
import { WebHttpError } from '../http/web-exchange.interface';
import type { ResolvedWebUiOptions } from '../karafka-web-options.interface';
import { WEB_MESSAGES as M } from '../web.messages';
import { WEB_UI_OPTIONS } from '../web.tokens';
import type { PageRequest, WebAction } from './web-page.interface';
import { REPLAY_PATH } from './replay-confirm.page';

/** The confirmed replay (CSRF-checked by the server): refused when read-only, run once per confirmation. */
@Injectable()
export class ReplayAction implements WebAction {
  readonly path = REPLAY_PATH;

  constructor(
    private readonly clusters: ClusterRegistry,
    private readonly store: DeadLetterStore,
    private readonly log: ReplayLog,
    @Inject(WEB_UI_OPTIONS) private readonly options: ResolvedWebUiOptions,
  ) {}

  async perform(request: PageRequest & { form: Record<string, string> }): Promise<{ redirect: string }> {
    if (this.options.readOnly) throw new WebHttpError(403, M.readOnly());
    const entry = this.store.known(clusterParam(this.clusters, request.params.cluster), request.params.topic);
    const picks = parseReplaySelection([request.form.messages ?? '']);
    const nonce = request.form.nonce ?? '';
    if (!/^[A-Za-z0-9_-]{16,}$/.test(nonce))
      throw new WebHttpError(400, 'This replay was not confirmed: open the confirmation page again.');
    // The same confirmation sent twice (a double click, a reload) replays once.
    if (this.log.used(nonce)) return { redirect: '/dead-letters?replayed=0#replays' };
    const messages = await this.store.read(entry, picks);
    const again = messages.filter(
      (message) => this.store.wasReplayed(message) || readDeadLetter(message.headers, entry.cluster).replayOf,
    );
    if (again.length > 0 && request.form.again !== '1')
      throw new WebHttpError(
        409,
        `${again.length} of these dead letters were replayed before: confirm replaying them again.`,
      );
    // Claimed after the awaits too: two sends at once both passed the check above.
    if (!this.log.claim(nonce)) return { redirect: '/dead-letters?replayed=0#replays' };
    const record = await this.store.replay(entry, messages, request.user ?? 'anonymous', request.now);
    return { redirect: `/dead-letters?replayed=${record.count}#replays` };
  }
}
