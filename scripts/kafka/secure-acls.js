#!/usr/bin/env node
/*
 * Creates the secure test cluster's ACLs over the broker's own listener, as the super user.
 * Usage: node secure-acls.js <host:port> <user> <password>
 * `app` may produce to, consume from and describe topics prefixed `segregated.` and use groups prefixed `app`;
 * `reader` may only read and describe those topics (with groups prefixed `reader`). Nothing else is allowed.
 */
'use strict';
const {
  AclOperationTypes: Op,
  AclPermissionTypes,
  AclResourceTypes: Resource,
  Kafka,
  ResourcePatternTypes,
  logLevel,
} = require('kafkajs');

const RIGHTS = [
  { user: 'app', resource: Resource.TOPIC, prefix: 'segregated.', ops: [Op.READ, Op.WRITE, Op.DESCRIBE] },
  { user: 'app', resource: Resource.GROUP, prefix: 'app', ops: [Op.READ, Op.DESCRIBE] },
  { user: 'reader', resource: Resource.TOPIC, prefix: 'segregated.', ops: [Op.READ, Op.DESCRIBE] },
  { user: 'reader', resource: Resource.GROUP, prefix: 'reader', ops: [Op.READ, Op.DESCRIBE] },
];

async function main() {
  const [broker, username, password] = process.argv.slice(2);
  if (!broker || !username || !password) {
    console.error('usage: secure-acls.js <host:port> <user> <password>');
    process.exit(2);
  }
  const kafka = new Kafka({
    clientId: 'testbed-secure-acls',
    brokers: [broker],
    sasl: { mechanism: 'plain', username, password },
    logLevel: logLevel.NOTHING,
    retry: { retries: 5 },
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const acl = RIGHTS.flatMap(({ user, resource, prefix, ops }) =>
      ops.map((operation) => ({
        resourceType: resource,
        resourceName: prefix,
        resourcePatternType: ResourcePatternTypes.PREFIXED,
        principal: `User:${user}`,
        host: '*',
        operation,
        permissionType: AclPermissionTypes.ALLOW,
      })),
    );
    await admin.createAcls({ acl });
    console.error(`[kafka-testbed] secure: ${acl.length} ACLs in place (app, reader)`);
  } finally {
    await admin.disconnect();
  }
}

main().catch((error) => {
  console.error(`[kafka-testbed] ERROR: could not create the secure cluster's ACLs: ${error.message}`);
  process.exit(1);
});
