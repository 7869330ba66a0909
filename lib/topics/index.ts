export { DeclarativeTopics, DECLARATIVE_TOPICS } from './declarative-topics';
export { createDeclarativeTopicsProviders } from './declarative-topics.provider';
export { collectTopicDeclarations, type CollectedTopicDeclarations } from './collect-topic-declarations';
export { planTopics, countChanges, countProblems, type PlanTopicsOptions } from './plan-topics';
export { formatTopicsPlan } from './format-topics-plan';
export type {
  StandaloneTopicDeclaration,
  TopicsModuleOptions,
  TopicsOption,
} from './topics-options.interface';
export type { TopicConfigDeclaration, TopicConfigValue } from '../routing/topic-config.interface';
export type {
  ClusterTopicsPlan,
  ClusterTopicsState,
  ConfigChange,
  DeclaredTopic,
  ExistingTopic,
  ReferencedTopic,
  TopicCreation,
  TopicDeclarations,
  TopicsMode,
  TopicsPlan,
} from './topics-plan.interface';
