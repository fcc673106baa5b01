output "env" {
  description = "Non-secret environment of the hub container."
  value       = merge(local.base, local.kafka_properties, local.change_events, local.policy, local.vault, local.idp, var.extra_env)
}

output "opa_sidecar" {
  description = "Whether each hub pod runs an OPA sidecar."
  value       = var.policy_engine == "opa-sidecar"
}

output "secret_env_names" {
  description = "Environment variables the hub reads from its Secret."
  value = concat(
    ["SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD", "HUB_SECURITY_KEYSTOREPASSWORD"],
    var.vault_address == null ? [] : ["HUB_SECURITY_SECRETS_VAULT_TOKEN"],
  )
}
