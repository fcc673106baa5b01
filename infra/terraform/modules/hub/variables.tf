variable "namespace" {
  description = "Kubernetes namespace of the hub (created elsewhere)."
  type        = string
}

variable "name" {
  description = "Name of the Deployment, Service and the other objects."
  type        = string
  default     = "gdx-hub"
}

variable "image" {
  description = "The hub's container image (built from the repository's Dockerfile or with spring-boot:build-image)."
  type        = string
}

variable "opa_image" {
  description = "OPA image of the sidecar (the version the Rego is tested with)."
  type        = string
  default     = "openpolicyagent/opa:1.22.2-static"
}

variable "settings" {
  description = "Output of modules/hub-settings: env (map), opa_sidecar (bool), secret_env_names (list)."
  type = object({
    env              = map(string)
    opa_sidecar      = bool
    secret_env_names = list(string)
  })
}

variable "secret_env" {
  description = "Secret environment (SPRING_DATASOURCE_USERNAME/PASSWORD, HUB_SECURITY_KEYSTOREPASSWORD, HUB_SECURITY_SECRETS_VAULT_TOKEN, GDX_OPA_API_KEY ...); stored in a Kubernetes Secret."
  type        = map(string)
  sensitive   = true
}

variable "replicas" {
  description = "Minimum number of hub instances (the HPA's floor); two or more for availability."
  type        = number
  default     = 2

  validation {
    condition     = var.replicas >= 1
    error_message = "replicas must be at least 1."
  }
}

variable "max_replicas" {
  description = "The HPA's ceiling."
  type        = number
  default     = 6
}

variable "target_cpu_utilization" {
  description = "Average CPU utilisation (percent of the request) the HPA aims at."
  type        = number
  default     = 70
}

variable "resources" {
  description = "Requests and limits of the hub container (docs/operations.md, Sizing)."
  type = object({
    cpu_request    = string
    memory_request = string
    cpu_limit      = string
    memory_limit   = string
  })
  default = {
    cpu_request    = "1"
    memory_request = "1536Mi"
    cpu_limit      = "2"
    memory_limit   = "1536Mi"
  }
}

variable "opa_resources" {
  description = "Requests and limits of the OPA sidecar."
  type = object({
    cpu_request    = string
    memory_request = string
    cpu_limit      = string
    memory_limit   = string
  })
  default = {
    cpu_request    = "250m"
    memory_request = "128Mi"
    cpu_limit      = "1"
    memory_limit   = "256Mi"
  }
}

variable "archive_storage_class" {
  description = "Storage class of the shared archive volume; must offer ReadWriteMany (NFS, CephFS, EFS, Azure Files ...)."
  type        = string
}

variable "archive_size" {
  description = "Size of the shared archive volume."
  type        = string
  default     = "50Gi"
}

variable "keystore_secret_name" {
  description = "A Secret with key hub-keys.p12 (the PKCS#12 keystore every instance shares when Vault is not used); null when Vault holds the keys."
  type        = string
  default     = null
}

variable "service_type" {
  description = "Type of the hub's Service (ClusterIP behind an Ingress or a gateway, or LoadBalancer)."
  type        = string
  default     = "ClusterIP"
}

variable "session_affinity" {
  description = "Service session affinity: ClientIP keeps a console user on one pod (its session is in that pod's memory); None for API-only use."
  type        = string
  default     = "ClientIP"
}
