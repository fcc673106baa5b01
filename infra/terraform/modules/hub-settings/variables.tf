variable "postgres_jdbc_url" {
  description = "JDBC URL of the system of record (managed PostgreSQL or a CloudNativePG cluster's rw service)."
  type        = string

  validation {
    condition     = startswith(var.postgres_jdbc_url, "jdbc:postgresql://")
    error_message = "postgres_jdbc_url must be a jdbc:postgresql:// URL: several instances need a shared database, not H2."
  }
}

variable "kafka_bootstrap_servers" {
  description = "Kafka brokers (host:port, comma-separated) for the ledger topic and the owners' change-event topics."
  type        = string
}

variable "kafka_ledger_topic" {
  description = "Topic of ledger entries."
  type        = string
  default     = "gdx.ledger.entries"
}

variable "kafka_replication_factor" {
  description = "Replication factor used when the hub creates the ledger topic."
  type        = number
  default     = 3
}

variable "kafka_client_properties" {
  description = "Extra Kafka client properties (TLS, SASL ...), e.g. { \"security.protocol\" = \"SSL\" }."
  type        = map(string)
  default     = {}
}

variable "change_events_via_kafka" {
  description = "Consume the owners' change-event streams from Kafka (false: none arrive; the in-process transport is for the demo only)."
  type        = bool
  default     = true
}

variable "elasticsearch_urls" {
  description = "Elasticsearch nodes for the ledger index (e.g. [\"https://gdx-es-http:9200\"])."
  type        = list(string)

  validation {
    condition     = length(var.elasticsearch_urls) > 0
    error_message = "At least one Elasticsearch URL is needed: several instances share one index."
  }
}

variable "elasticsearch_index" {
  description = "Name of the ledger index (and of its index template)."
  type        = string
  default     = "gdx-ledger"
}

variable "elasticsearch_replicas" {
  description = "Replicas of the ledger index's shards."
  type        = number
  default     = 1
}

variable "policy_engine" {
  description = "\"opa-sidecar\" (OPA next to each hub container, deciding on localhost), \"opa-service\" (an OPA service at opa_url) or \"wasm\" (in-process)."
  type        = string
  default     = "opa-sidecar"

  validation {
    condition     = contains(["opa-sidecar", "opa-service", "wasm"], var.policy_engine)
    error_message = "policy_engine must be opa-sidecar, opa-service or wasm."
  }
}

variable "opa_url" {
  description = "OPA server URL when policy_engine = \"opa-service\"."
  type        = string
  default     = "http://gdx-opa:8181"
}

variable "opa_timeout" {
  description = "Past this a decision is denied policy_unavailable."
  type        = string
  default     = "500ms"
}

variable "vault_address" {
  description = "HashiCorp Vault address (secrets backend: pseudonym, encryption and signing keys, connector credentials); null keeps the keystore, which then must be one file shared by every instance."
  type        = string
  default     = null
}

variable "idp_issuer_uri" {
  description = "OIDC issuer of the agencies' identity provider; when set, the hub's local token issuer is turned off."
  type        = string
  default     = null
}

variable "public_base_url" {
  description = "The hub's public address, printed in the QR code of every archived document."
  type        = string
}

variable "archive_path" {
  description = "Mount path of the archive volume shared by every instance (ReadWriteMany)."
  type        = string
  default     = "/srv/gdx-archive"
}

variable "data_dir" {
  description = "The instance's own scratch directory (an emptyDir; nothing in it must survive the pod)."
  type        = string
  default     = "/var/lib/gdx-hub"
}

variable "extra_env" {
  description = "Further Spring Boot properties as environment variables (e.g. connector sources), merged last."
  type        = map(string)
  default     = {}
}
