# The hub's configuration for a multi-instance deployment, as Spring Boot environment variables
# (relaxed binding: hub.ledger.relay.publisher = HUB_LEDGER_RELAY_PUBLISHER). Secrets are not
# here: modules/hub puts them in a Kubernetes Secret.
locals {
  opa_url = var.policy_engine == "opa-sidecar" ? "http://127.0.0.1:8181" : var.opa_url

  base = {
    HUB_DATA_DIR                = var.data_dir
    HUB_DEMO_ENABLED            = "false"
    HUB_CONNECTORS_DEMO_ENABLED = "false"
    SPRING_DATASOURCE_URL       = var.postgres_jdbc_url

    # Ledger events through Kafka; every instance relays (outbox rows are claimed with skip
    # locked) and consumes in one group, so each entry is indexed by one of them.
    HUB_LEDGER_RELAY_PUBLISHER                = "kafka"
    HUB_LEDGER_KAFKA_BOOTSTRAPSERVERS         = var.kafka_bootstrap_servers
    HUB_LEDGER_KAFKA_TOPIC                    = var.kafka_ledger_topic
    HUB_LEDGER_KAFKA_TOPICREPLICATIONFACTOR   = tostring(var.kafka_replication_factor)
    HUB_LEDGER_KAFKA_CONSUMER_ENABLED         = "true"
    HUB_LEDGER_SEARCH_BACKEND                 = "elasticsearch"
    HUB_LEDGER_SEARCH_ELASTICSEARCH_URL       = join(",", var.elasticsearch_urls)
    HUB_LEDGER_SEARCH_ELASTICSEARCH_INDEX     = var.elasticsearch_index
    HUB_LEDGER_SEARCH_ELASTICSEARCH_REPLICAS  = tostring(var.elasticsearch_replicas)
    HUB_ARCHIVE_PATH                          = var.archive_path
    HUB_ARCHIVE_PUBLICBASEURL                 = var.public_base_url
    MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED = "true"
    SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE  = "25s"
    SERVER_SHUTDOWN                           = "graceful"
    JAVA_TOOL_OPTIONS                         = "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
  }

  kafka_properties = { for k, v in var.kafka_client_properties : "HUB_LEDGER_KAFKA_PROPERTIES_${upper(replace(k, ".", "_"))}" => v }

  change_events = var.change_events_via_kafka ? merge({
    HUB_CONNECTORS_CHANGEEVENTS_TRANSPORT              = "kafka"
    HUB_CONNECTORS_CHANGEEVENTS_KAFKA_BOOTSTRAPSERVERS = var.kafka_bootstrap_servers
    }, { for k, v in var.kafka_client_properties : "HUB_CONNECTORS_CHANGEEVENTS_KAFKA_PROPERTIES_${upper(replace(k, ".", "_"))}" => v }) : {
    HUB_CONNECTORS_CHANGEEVENTS_ENABLED = "false"
  }

  policy = var.policy_engine == "wasm" ? { HUB_POLICY_ENGINE = "wasm" } : {
    HUB_POLICY_ENGINE     = "opa-server"
    HUB_POLICY_OPAURL     = local.opa_url
    HUB_POLICY_OPATIMEOUT = var.opa_timeout
  }

  vault = var.vault_address == null ? {} : {
    HUB_SECURITY_SECRETS_BACKEND       = "vault"
    HUB_SECURITY_SECRETS_VAULT_ADDRESS = var.vault_address
  }

  idp = var.idp_issuer_uri == null ? {} : {
    HUB_SECURITY_LOCALISSUER_ENABLED                    = "false"
    SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI = var.idp_issuer_uri
  }
}
