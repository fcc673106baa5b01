output "service" {
  description = "The hub's Service in the namespace."
  value       = "${module.hub.service_name}.${var.namespace}.svc"
}
