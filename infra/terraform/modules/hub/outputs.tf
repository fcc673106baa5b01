output "service_name" {
  description = "The hub's Service (port 80 → container port 8080)."
  value       = kubernetes_service_v1.hub.metadata[0].name
}

output "deployment_name" {
  description = "The hub's Deployment."
  value       = kubernetes_deployment_v1.hub.metadata[0].name
}
