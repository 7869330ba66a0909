# The `secure` test cluster (sourced by lib.sh): the data-segregation case, as a bank or a tenant's cluster
# would run it. Clients connect with SASL_SSL + SCRAM-SHA-512 only; the broker's own traffic (controller and
# inter-broker) uses a PLAIN super user on loopback listeners no client is given. StandardAuthorizer denies
# everything no ACL allows. Keys and certificates are made here with openssl, once, under .cache/kafka/secure.

SECURE_DIR="$KAFKA_CACHE_DIR/secure"
SECURE_STORE_PASSWORD="testbed-keystore"
SECURE_SUPER_USER="admin"
SECURE_SUPER_PASSWORD="admin-secret"
# name:password of the SCRAM users clients log in as; their rights are in secure-acls.js.
SECURE_SCRAM_USERS="app:app-secret reader:reader-secret"

secure_internal_port() { echo "$(($(cluster_port secure) + 2))"; }

# CA, broker certificate (SAN 127.0.0.1 and localhost) in a PKCS12 keystore, and an unrelated CA that a
# client must refuse. Made once; `reset.sh secure` keeps them, deleting .cache/kafka/secure makes new ones.
ensure_secure_material() {
  [[ -f "$SECURE_DIR/complete" ]] && return 0
  command -v openssl >/dev/null 2>&1 || die "openssl was not found on PATH; the secure cluster needs it for its certificates." \
    "On Debian/Ubuntu: apt-get install -y openssl"
  local tmp="$SECURE_DIR.partial"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  (
    cd "$tmp"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=nestjs-karafka test bed CA" \
      -keyout ca.key -out ca.pem
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=some other CA" \
      -keyout wrong-ca.key -out wrong-ca.pem
    openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout broker.key -out broker.csr
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >broker.ext
    openssl x509 -req -in broker.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 3650 \
      -extfile broker.ext -out broker.pem
    openssl pkcs12 -export -in broker.pem -inkey broker.key -certfile ca.pem -name broker \
      -out broker.p12 -passout "pass:$SECURE_STORE_PASSWORD"
    rm -f broker.csr broker.ext ca.srl wrong-ca.key
  ) >"$tmp.log" 2>&1 || {
    cat "$tmp.log" >&2
    die "could not make the secure cluster's certificates with openssl (see above)."
  }
  rm -rf "$SECURE_DIR" "$tmp.log"
  mv "$tmp" "$SECURE_DIR"
  touch "$SECURE_DIR/complete"
  log "secure: made a CA ($SECURE_DIR/ca.pem) and the broker's certificate"
}

# The listener block of server.properties for the secure cluster.
secure_listener_properties() {
  local port="$1" controller="$2" internal plain_jaas
  internal="$(secure_internal_port)"
  plain_jaas="org.apache.kafka.common.security.plain.PlainLoginModule required username=\"$SECURE_SUPER_USER\" password=\"$SECURE_SUPER_PASSWORD\" user_$SECURE_SUPER_USER=\"$SECURE_SUPER_PASSWORD\";"
  cat <<PROPS
listeners=SASL_SSL://127.0.0.1:$port,INTERNAL://127.0.0.1:$internal,CONTROLLER://127.0.0.1:$controller
advertised.listeners=SASL_SSL://127.0.0.1:$port,INTERNAL://127.0.0.1:$internal
controller.listener.names=CONTROLLER
inter.broker.listener.name=INTERNAL
listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,INTERNAL:SASL_PLAINTEXT,SASL_SSL:SASL_SSL
sasl.mechanism.controller.protocol=PLAIN
sasl.mechanism.inter.broker.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=$plain_jaas
listener.name.internal.sasl.enabled.mechanisms=PLAIN
listener.name.internal.plain.sasl.jaas.config=$plain_jaas
listener.name.sasl_ssl.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
ssl.keystore.type=PKCS12
ssl.keystore.location=$SECURE_DIR/broker.p12
ssl.keystore.password=$SECURE_STORE_PASSWORD
ssl.key.password=$SECURE_STORE_PASSWORD
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:$SECURE_SUPER_USER
allow.everyone.if.no.acl.found=false
PROPS
}

# StorageTool arguments that create the SCRAM users when the storage is formatted (KRaft keeps them in
# its metadata log, so they exist before the broker first answers).
secure_format_args() {
  local user
  for user in $SECURE_SCRAM_USERS; do
    printf '%s\n' --add-scram "SCRAM-SHA-512=[name=${user%%:*},password=${user#*:}]"
  done
}

# wait-ready.js target options for the broker's own listener, where the super user may ask for metadata.
secure_ready_target() {
  echo "127.0.0.1:$(secure_internal_port),sasl=$SECURE_SUPER_USER:$SECURE_SUPER_PASSWORD"
}

# Creates the ACLs (idempotent: Kafka keeps one binding per distinct ACL).
secure_apply_acls() {
  node "$KAFKA_SCRIPTS_DIR/secure-acls.js" "127.0.0.1:$(secure_internal_port)" "$SECURE_SUPER_USER" "$SECURE_SUPER_PASSWORD"
}
