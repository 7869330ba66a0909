export { KarafkaAdmin, type AdminClusterCatalog } from './karafka-admin';
export { KarafkaAdminError } from './karafka-admin.error';
export { AdminSessions } from './admin-sessions';
export { createKarafkaAdminProvider, clusterCatalog } from './karafka-admin.provider';
export type {
  ClusterInfo,
  ConsumerGroupDescription,
  ConsumerGroupListing,
  ConsumerGroupMemberDescription,
  CreateTopicOptions,
  Offset,
  PartitionDescription,
  PartitionLag,
  ReadTopicOptions,
  SeekResult,
  SeekSpec,
  SeekTarget,
  TopicConfigEntry,
  TopicDescription,
  TopicLag,
  WatermarkOffsets,
} from './karafka-admin.interface';
