import { Logger } from '@nestjs/common';
import { normalizeKafkaConfig } from '../config/normalize-kafka-config';
import type { DriverClient, DriverLogEntry, KafkaDriver } from '../driver/kafka-driver.port';
import type { ClusterDefinition } from './cluster-definition.interface';
import { clusterIdentity } from './cluster-identity';
import { ClusterConnections } from './cluster-connections';

function cluster(name: string, brokers: string): ClusterDefinition {
  const input = { 'bootstrap.servers': brokers };
  const { config } = normalizeKafkaConfig(input, name);
  return { name, origin: 'named', input, config, identity: clusterIdentity(config.connection) };
}

/** A driver that records the log function each client was given. */
function recordingDriver() {
  const logs: Array<(entry: DriverLogEntry) => void> = [];
  const driver: KafkaDriver = {
    name: 'fake',
    createClient: (_connection, log) => {
      logs.push(log);
      return {} as DriverClient;
    },
  };
  return { driver, logs };
}

const entry = (level: DriverLogEntry['level']): DriverLogEntry => ({
  level,
  namespace: 'Connection',
  message: 'hello',
  extra: { broker: 'a:1' },
});

describe('ClusterConnections', () => {
  afterEach(() => jest.restoreAllMocks());

  it('creates one client per cluster identity', () => {
    const { driver, logs } = recordingDriver();
    const connections = new ClusterConnections(driver);
    const primary = cluster('primary', 'a:1');
    const client = connections.clientFor(primary);
    expect(connections.clientFor(cluster('alias', 'a:1'))).toBe(client);
    expect(connections.clientFor(cluster('secondary', 'b:2'))).not.toBe(client);
    expect(logs).toHaveLength(2);
  });

  it('gives a subscription group with its own connection settings a client of its own, shared by equal settings', () => {
    const { driver, logs } = recordingDriver();
    const connections = new ClusterConnections(driver);
    const primary = cluster('primary', 'a:1');
    const shared = connections.clientFor(primary);
    const renamed = { ...primary.config.connection, clientId: 'billing' };
    const own = connections.clientFor(primary, renamed);
    expect(own).not.toBe(shared);
    expect(connections.clientFor(primary, { ...renamed })).toBe(own);
    expect(connections.clientFor(primary, primary.config.connection)).toBe(shared);
    expect(logs).toHaveLength(2);
  });

  it("hands the driver's entries to driverLog with the cluster's name", () => {
    const { driver, logs } = recordingDriver();
    const received: Array<[DriverLogEntry, string]> = [];
    const connections = new ClusterConnections(driver, (e, name) => received.push([e, name]));
    connections.clientFor(cluster('secondary', 'b:2'));
    logs[0](entry('error'));
    expect(received).toEqual([[entry('error'), 'secondary']]);
  });

  it("logs through Nest's Logger at the level the driver chose when there is no driverLog", () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const debug = jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
    const { driver, logs } = recordingDriver();
    new ClusterConnections(driver).clientFor(cluster('primary', 'a:1'));
    logs[0](entry('error'));
    logs[0](entry('debug'));
    expect(error).toHaveBeenCalledWith('[Connection] hello {"broker":"a:1"}');
    expect(debug).toHaveBeenCalledWith('[Connection] hello {"broker":"a:1"}');
  });
});
