/** Names of local clusters: what the scripts and environment variable names accept. */
export const CLUSTER_NAME = /^[a-z][a-z0-9-]*$/;

/**
 * The environment variable holding a cluster's bootstrap address for the tests, `KAFKA_<NAME>_BROKERS`
 * (`KAFKA_PRIMARY_BROKERS`, `KAFKA_EU_WEST_BROKERS`): `kafka up` prints it, the jest setup sets it, the app's
 * config reads it.
 */
export function brokersEnvName(cluster: string): string {
  return `KAFKA_${envSegment(cluster)}_BROKERS`;
}

/** A cluster's name inside environment variable names: `eu-west` → `EU_WEST`. */
export function envSegment(cluster: string): string {
  return cluster.toUpperCase().replace(/-/g, '_');
}

/** Checks cluster names given by a user; each problem names the value at fault. */
export function validateClusterNames(names: readonly string[], where: string): void {
  if (names.length === 0) throw new Error(`${where}: no cluster named (e.g. primary,secondary)`);
  for (const name of names) {
    if (!CLUSTER_NAME.test(name)) {
      throw new Error(
        `${where}: '${name}' is not a cluster name (lowercase letters, digits and '-', starting with a letter)`,
      );
    }
    if (name === 'secure') {
      throw new Error(
        `${where}: 'secure' is the project's own SASL_SSL test cluster; local clusters are plaintext, name it otherwise`,
      );
    }
  }
  const twice = names.find((name, index) => names.indexOf(name) !== index);
  if (twice !== undefined) throw new Error(`${where}: cluster '${twice}' is named twice`);
}
