variable "kubeconfig_path" {
  description = "Kubeconfig of the target cluster."
  type        = string
  default     = "~/.kube/config"
}

variable "kubeconfig_context" {
  description = "Context in the kubeconfig (null: the current one)."
  type        = string
  default     = null
}

variable "namespace" {
  description = "Namespace of the hub (created by this example)."
  type        = string
  default     = "gdx-hub"
}

variable "image" {
  description = "The hub's image, e.g. registry.example/gdx-hub:0.1.0."
  type        = string
}

variable "postgres_jdbc_url" {
  description = "Managed PostgreSQL (or CloudNativePG's <cluster>-rw service)."
  type        = string
}

variable "postgres_username" {
  description = "Database login of the hub."
  type        = string
}

variable "postgres_password" {
  description = "Database password of the hub."
  type        = string
  sensitive   = true
}

variable "kafka_bootstrap_servers" {
  description = "Managed Kafka (or Strimzi's <cluster>-kafka-bootstrap:9092)."
  type        = string
}

variable "kafka_client_properties" {
  description = "TLS/SASL client properties of the managed Kafka."
  type        = map(string)
  default     = {}
}

variable "elasticsearch_urls" {
  description = "Managed Elasticsearch (or ECK's <cluster>-es-http service)."
  type        = list(string)
}

variable "vault_address" {
  description = "Vault (or the Vault Helm chart's service)."
  type        = string
}

variable "vault_token" {
  description = "Vault token of the hub (policy: transit and kv paths of ADR 0011)."
  type        = string
  sensitive   = true
}

variable "keystore_password" {
  description = "Password of the local PKCS#12 stores (connector credentials when not in Vault)."
  type        = string
  sensitive   = true
}

variable "opa_api_key" {
  description = "API key with role policy_reader that the OPA sidecars use to pull bundles from the hub."
  type        = string
  sensitive   = true
}

variable "idp_issuer_uri" {
  description = "OIDC issuer of the agencies' identity provider."
  type        = string
}

variable "public_base_url" {
  description = "The hub's public address (printed in documents' QR codes)."
  type        = string
}

variable "archive_storage_class" {
  description = "A ReadWriteMany storage class for the archive volume."
  type        = string
}
