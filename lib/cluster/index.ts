export { ClusterRegistry } from './cluster-registry';
export { resolveClusters } from './resolve-clusters';
