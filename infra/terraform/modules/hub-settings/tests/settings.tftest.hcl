# `terraform test` on the settings alone: no provider, no cluster, runs offline in CI.
variables {
  postgres_jdbc_url       = "jdbc:postgresql://gdx-db-rw:5432/gdx"
  kafka_bootstrap_servers = "kafka-0:9092,kafka-1:9092"
  elasticsearch_urls      = ["https://es-0:9200", "https://es-1:9200"]
  public_base_url         = "https://gdx.example.go.th"
}

run "defaults_point_every_engine_at_the_shared_backends" {
  command = plan

  assert {
    condition     = output.env["SPRING_DATASOURCE_URL"] == "jdbc:postgresql://gdx-db-rw:5432/gdx"
    error_message = "the datasource must be the shared PostgreSQL"
  }
  assert {
    condition     = output.env["HUB_LEDGER_RELAY_PUBLISHER"] == "kafka" && output.env["HUB_LEDGER_KAFKA_CONSUMER_ENABLED"] == "true"
    error_message = "ledger events go through Kafka and every instance consumes in the group"
  }
  assert {
    condition     = output.env["HUB_LEDGER_SEARCH_BACKEND"] == "elasticsearch" && output.env["HUB_LEDGER_SEARCH_ELASTICSEARCH_URL"] == "https://es-0:9200,https://es-1:9200"
    error_message = "the ledger index must be the shared Elasticsearch"
  }
  assert {
    condition     = output.env["HUB_POLICY_ENGINE"] == "opa-server" && output.env["HUB_POLICY_OPAURL"] == "http://127.0.0.1:8181" && output.opa_sidecar
    error_message = "the default policy engine is the OPA sidecar on localhost"
  }
  assert {
    condition     = output.env["HUB_DEMO_ENABLED"] == "false" && output.env["HUB_CONNECTORS_DEMO_ENABLED"] == "false"
    error_message = "no demo data or demo owner systems in a deployment"
  }
  assert {
    condition     = !contains(keys(output.env), "HUB_SECURITY_SECRETS_BACKEND") && !contains(output.secret_env_names, "HUB_SECURITY_SECRETS_VAULT_TOKEN")
    error_message = "without a Vault address the keystore stays the secrets backend"
  }
}

run "vault_idp_and_kafka_tls" {
  command = plan

  variables {
    vault_address           = "https://vault.example:8200"
    idp_issuer_uri          = "https://idp.example/realms/gdx"
    kafka_client_properties = { "security.protocol" = "SSL" }
    policy_engine           = "opa-service"
  }

  assert {
    condition     = output.env["HUB_SECURITY_SECRETS_BACKEND"] == "vault" && contains(output.secret_env_names, "HUB_SECURITY_SECRETS_VAULT_TOKEN")
    error_message = "a Vault address selects the Vault backend and its token comes from the Secret"
  }
  assert {
    condition     = output.env["HUB_SECURITY_LOCALISSUER_ENABLED"] == "false"
    error_message = "an IdP turns the local token issuer off"
  }
  assert {
    condition     = output.env["HUB_LEDGER_KAFKA_PROPERTIES_SECURITY_PROTOCOL"] == "SSL" && output.env["HUB_CONNECTORS_CHANGEEVENTS_KAFKA_PROPERTIES_SECURITY_PROTOCOL"] == "SSL"
    error_message = "Kafka client properties reach both the ledger and the change-event clients"
  }
  assert {
    condition     = output.env["HUB_POLICY_OPAURL"] == "http://gdx-opa:8181" && !output.opa_sidecar
    error_message = "opa-service points at the OPA service"
  }
}

run "h2_is_refused" {
  command = plan

  variables {
    postgres_jdbc_url = "jdbc:h2:file:./data/db/gdx-hub"
  }

  expect_failures = [var.postgres_jdbc_url]
}
