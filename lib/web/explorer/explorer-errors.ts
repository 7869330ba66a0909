import { errorMessage } from '../../common/error-message';
import { WebHttpError } from '../http/web-exchange.interface';

/** A topic the cluster does not have is a 404 naming it, not a page failure. */
export async function explorerTopicNotFound<T>(cluster: string, topic: string, read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (/does not exist|has no partition/.test(errorMessage(error)))
      throw new WebHttpError(404, `Cluster ${cluster}: ${errorMessage(error)}.`);
    throw error;
  }
}
