import { ADMIN_MESSAGES } from './admin.messages';

/** A failed admin call; says which operation, on which cluster, about which topic or group. */
export class KarafkaAdminError extends Error {
  override readonly name = 'KarafkaAdminError';

  constructor(
    readonly operation: string,
    readonly cluster: string,
    /** The topic or group the call was about (undefined for cluster-wide calls). */
    readonly subject: string | undefined,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(ADMIN_MESSAGES.failed(operation, subject, cluster, reason), options);
  }
}
