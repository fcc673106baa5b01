# The hub on Kubernetes against managed (or operator-run) PostgreSQL, Kafka, Elasticsearch and
# Vault: `terraform apply -var-file=prod.tfvars` (see terraform.tfvars.example).
resource "kubernetes_namespace_v1" "gdx" {
  metadata {
    name = var.namespace
  }
}

module "settings" {
  source = "../../modules/hub-settings"

  postgres_jdbc_url       = var.postgres_jdbc_url
  kafka_bootstrap_servers = var.kafka_bootstrap_servers
  kafka_client_properties = var.kafka_client_properties
  elasticsearch_urls      = var.elasticsearch_urls
  vault_address           = var.vault_address
  idp_issuer_uri          = var.idp_issuer_uri
  public_base_url         = var.public_base_url
  policy_engine           = "opa-sidecar"
}

module "hub" {
  source = "../../modules/hub"

  namespace             = kubernetes_namespace_v1.gdx.metadata[0].name
  image                 = var.image
  settings              = module.settings
  archive_storage_class = var.archive_storage_class
  secret_env = {
    SPRING_DATASOURCE_USERNAME       = var.postgres_username
    SPRING_DATASOURCE_PASSWORD       = var.postgres_password
    HUB_SECURITY_KEYSTOREPASSWORD    = var.keystore_password
    HUB_SECURITY_SECRETS_VAULT_TOKEN = var.vault_token
    GDX_OPA_API_KEY                  = var.opa_api_key
  }
}
