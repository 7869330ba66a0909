#!/usr/bin/env node
/*
 * Waits until each broker answers a real metadata request (TCP probe first, then kafkajs
 * admin.describeCluster) and has a group coordinator, and prints how long it took since launch.
 * Usage: node wait-ready.js <timeoutSeconds> name=<host:port>,pid=<pid>,since=<epochMs>,clusterId=<id> ...
 * pid/since/clusterId/running=1/sasl=<user>:<password> are optional: a dead pid stops the wait early, a clusterId
 * must match the broker's, and sasl logs in with SASL PLAIN (the secure cluster's own listener).
 */
'use strict';
const net = require('node:net');
const { Kafka, logLevel } = require('kafkajs');

const [timeoutArg, ...targets] = process.argv.slice(2);
const timeoutMs = Number(timeoutArg) * 1000;
if (!Number.isFinite(timeoutMs) || targets.length === 0) {
  console.error(
    'usage: wait-ready.js <timeoutSeconds> name=<host:port>[,pid=<n>][,since=<ms>][,clusterId=<id>][,running=1] ...',
  );
  process.exit(2);
}

function parseTarget(spec) {
  const [head, ...rest] = spec.split(',');
  const [name, broker] = head.split('=');
  const fields = Object.fromEntries(rest.map((kv) => kv.split('=')));
  return {
    name,
    broker,
    pid: fields.pid ? Number(fields.pid) : undefined,
    since: fields.since ? Number(fields.since) : Date.now(),
    clusterId: fields.clusterId,
    alreadyRunning: fields.running === '1',
    sasl: fields.sasl ? plainSasl(fields.sasl) : undefined,
  };
}

function plainSasl(credentials) {
  const colon = credentials.indexOf(':');
  return {
    mechanism: 'plain',
    username: credentials.slice(0, colon),
    password: credentials.slice(colon + 1),
  };
}

function tcpOpen(broker) {
  const [host, port] = broker.split(':');
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(port) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function alive(pid) {
  if (pid === undefined) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function describe(broker, sasl) {
  const kafka = new Kafka({
    clientId: 'testbed-wait-ready',
    brokers: [broker],
    sasl,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 3000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    // A fresh cluster creates its offsets topic on the first coordinator look-up: until a group coordinator
    // answers, consumers would fail to join, so that is part of being ready.
    await admin.describeGroups(['testbed-wait-ready']);
    return cluster;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitOne(target, deadline) {
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    if (!alive(target.pid)) {
      return { ok: false, reason: `broker process ${target.pid} exited` };
    }
    if (await tcpOpen(target.broker)) {
      try {
        const cluster = await describe(target.broker, target.sasl);
        if (target.clusterId && cluster.clusterId !== target.clusterId) {
          return {
            ok: false,
            reason: `${target.broker} belongs to cluster ${cluster.clusterId}, expected ${target.clusterId}`,
          };
        }
        return { ok: true, cluster };
      } catch (error) {
        lastError = error.message;
      }
    } else {
      lastError = 'port not open yet';
    }
    await sleep(200);
  }
  return { ok: false, reason: `not ready after ${timeoutMs / 1000} s (last: ${lastError})` };
}

async function main() {
  const deadline = Date.now() + timeoutMs;
  const results = await Promise.all(
    targets.map(parseTarget).map(async (target) => {
      const result = await waitOne(target, deadline);
      const seconds = ((Date.now() - target.since) / 1000).toFixed(1);
      if (result.ok && target.alreadyRunning) {
        console.log(
          `${target.name}: already running, answers on ${target.broker} (cluster id ${result.cluster.clusterId})`,
        );
      } else if (result.ok) {
        console.log(
          `${target.name}: ready on ${target.broker} (cluster id ${result.cluster.clusterId}) after ${seconds} s`,
        );
      } else {
        console.log(`${target.name}: NOT ready on ${target.broker}: ${result.reason}`);
      }
      return result.ok;
    }),
  );
  process.exit(results.every(Boolean) ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
