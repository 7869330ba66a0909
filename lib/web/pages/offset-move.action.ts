import { Inject, Injectable, Logger } from '@nestjs/common';
import { KarafkaAdmin } from '../../admin/karafka-admin';
import { errorMessage } from '../../common/error-message';
import { ClusterRegistry } from '../../routing/cluster-registry';
import { clusterParam } from '../explorer/explorer-request';
import { WebHttpError } from '../http/web-exchange.interface';
import type { ResolvedWebUiOptions } from '../karafka-web-options.interface';
import { readOffsetMove, seekSpecOf } from '../offsets/offset-move';
import { WEB_MESSAGES as M } from '../web.messages';
import { WEB_UI_OPTIONS } from '../web.tokens';
import { OFFSET_MOVE_PATH } from './offset-move-confirm.page';
import type { PageRequest, WebAction } from './web-page.interface';

/** The confirmed move: the admin's seekConsumerGroup, refused (409) while the group has members, logged. */
@Injectable()
export class OffsetMoveAction implements WebAction {
  readonly path = OFFSET_MOVE_PATH;
  private readonly logger = new Logger('KarafkaWeb');

  constructor(
    private readonly clusters: ClusterRegistry,
    private readonly admin: KarafkaAdmin,
    @Inject(WEB_UI_OPTIONS) private readonly options: ResolvedWebUiOptions,
  ) {}

  async perform(request: PageRequest & { form: Record<string, string> }): Promise<{ redirect: string }> {
    if (this.options.readOnly) throw new WebHttpError(403, M.readOnlyOffsets());
    const cluster = clusterParam(this.clusters, request.params.cluster);
    const group = request.params.group;
    const move = readOffsetMove({ get: (name) => request.form[name] });
    let moved;
    try {
      moved = await this.admin.forCluster(cluster).seekConsumerGroup(group, seekSpecOf(move));
    } catch (error) {
      const text = errorMessage(error);
      if (/running member/.test(text)) throw new WebHttpError(409, text);
      if (/does not exist|has no partition/.test(text)) throw new WebHttpError(404, text);
      throw error;
    }
    const user = request.user ?? 'anonymous';
    this.logger.log(
      `offsets moved by '${user}' at ${new Date(request.now).toISOString()}: group '${group}' on '${cluster}', ` +
        moved.map((result) => `${result.topic}[${result.partition}] → ${result.offset}`).join(', '),
    );
    return {
      redirect: `/offsets/${encodeURIComponent(cluster)}/${encodeURIComponent(group)}?moved=${moved.length}`,
    };
  }
}
