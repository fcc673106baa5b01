# The hub as a stateless Deployment (ADR 0014): every instance shares PostgreSQL, Kafka,
# Elasticsearch, Vault and the archive volume; an OPA sidecar per pod decides on localhost.
locals {
  labels = {
    "app.kubernetes.io/name"      = var.name
    "app.kubernetes.io/component" = "hub"
    "app.kubernetes.io/part-of"   = "gdx-hub"
  }
  data_dir     = var.settings.env["HUB_DATA_DIR"]
  archive_path = var.settings.env["HUB_ARCHIVE_PATH"]
  keystore_dir = "/etc/gdx-hub/keys"
}

resource "kubernetes_config_map_v1" "env" {
  metadata {
    name      = "${var.name}-env"
    namespace = var.namespace
    labels    = local.labels
  }
  # The shared keystore is mounted read-only: every key must exist in it before the rollout.
  data = merge(var.settings.env, var.keystore_secret_name == null ? {} : {
    HUB_SECURITY_KEYSTOREPATH = "${local.keystore_dir}/hub-keys.p12"
  })
}

resource "kubernetes_config_map_v1" "opa" {
  count = var.settings.opa_sidecar ? 1 : 0

  metadata {
    name      = "${var.name}-opa"
    namespace = var.namespace
    labels    = local.labels
  }
  # As policies/opa-config.yaml: OPA pulls the Rego and the policy data from its own pod's hub.
  data = {
    "opa-config.yaml" = yamlencode({
      services = {
        hub = {
          url     = "http://127.0.0.1:8080/api/v1/policy"
          headers = { "X-GDX-Api-Key" = "$${GDX_OPA_API_KEY}" }
        }
      }
      bundles = {
        policy = { service = "hub", resource = "bundles/policy.tar.gz", polling = { min_delay_seconds = 1, max_delay_seconds = 5 } }
        data   = { service = "hub", resource = "bundles/data.tar.gz", polling = { min_delay_seconds = 1, max_delay_seconds = 5 } }
      }
    })
  }
}

resource "kubernetes_secret_v1" "env" {
  metadata {
    name      = "${var.name}-env"
    namespace = var.namespace
    labels    = local.labels
  }
  data = var.secret_env
}

resource "kubernetes_service_account_v1" "hub" {
  metadata {
    name      = var.name
    namespace = var.namespace
    labels    = local.labels
  }
  automount_service_account_token = false
}

resource "kubernetes_persistent_volume_claim_v1" "archive" {
  metadata {
    name      = "${var.name}-archive"
    namespace = var.namespace
    labels    = local.labels
  }
  spec {
    access_modes       = ["ReadWriteMany"]
    storage_class_name = var.archive_storage_class
    resources {
      requests = {
        storage = var.archive_size
      }
    }
  }
  wait_until_bound = false
}

resource "kubernetes_deployment_v1" "hub" {
  metadata {
    name      = var.name
    namespace = var.namespace
    labels    = local.labels
  }

  spec {
    replicas = var.replicas
    selector {
      match_labels = local.labels
    }
    strategy {
      type = "RollingUpdate"
      rolling_update {
        max_surge       = "1"
        max_unavailable = "0"
      }
    }

    template {
      metadata {
        labels = local.labels
        annotations = {
          # A changed configuration rolls the pods.
          "checksum/env" = sha256(jsonencode(kubernetes_config_map_v1.env.data))
        }
      }

      spec {
        service_account_name             = kubernetes_service_account_v1.hub.metadata[0].name
        termination_grace_period_seconds = 40

        security_context {
          run_as_non_root = true
          run_as_user     = 10001
          fs_group        = 10001
          seccomp_profile {
            type = "RuntimeDefault"
          }
        }

        topology_spread_constraint {
          max_skew           = 1
          topology_key       = "kubernetes.io/hostname"
          when_unsatisfiable = "ScheduleAnyway"
          label_selector {
            match_labels = local.labels
          }
        }

        container {
          name  = "hub"
          image = var.image

          port {
            name           = "http"
            container_port = 8080
          }

          env_from {
            config_map_ref {
              name = kubernetes_config_map_v1.env.metadata[0].name
            }
          }
          env_from {
            secret_ref {
              name = kubernetes_secret_v1.env.metadata[0].name
            }
          }
          # The pod's name is the instance's name in the job lock table and the logs.
          env {
            name = "HUB_CLUSTER_INSTANCEID"
            value_from {
              field_ref {
                field_path = "metadata.name"
              }
            }
          }

          resources {
            requests = {
              cpu    = var.resources.cpu_request
              memory = var.resources.memory_request
            }
            limits = {
              cpu    = var.resources.cpu_limit
              memory = var.resources.memory_limit
            }
          }

          startup_probe {
            http_get {
              path = "/actuator/health/liveness"
              port = "http"
            }
            period_seconds    = 5
            failure_threshold = 36
          }
          liveness_probe {
            http_get {
              path = "/actuator/health/liveness"
              port = "http"
            }
            period_seconds    = 10
            timeout_seconds   = 3
            failure_threshold = 3
          }
          readiness_probe {
            http_get {
              path = "/actuator/health/readiness"
              port = "http"
            }
            period_seconds    = 5
            timeout_seconds   = 3
            failure_threshold = 3
          }

          security_context {
            allow_privilege_escalation = false
            read_only_root_filesystem  = true
            capabilities {
              drop = ["ALL"]
            }
          }

          volume_mount {
            name       = "data"
            mount_path = local.data_dir
          }
          volume_mount {
            name       = "tmp"
            mount_path = "/tmp"
          }
          volume_mount {
            name       = "archive"
            mount_path = local.archive_path
          }
          dynamic "volume_mount" {
            for_each = var.keystore_secret_name == null ? [] : [1]
            content {
              name       = "keystore"
              mount_path = local.keystore_dir
              read_only  = true
            }
          }
        }

        dynamic "container" {
          for_each = var.settings.opa_sidecar ? [1] : []
          content {
            name  = "opa"
            image = var.opa_image
            args  = ["run", "--server", "--addr", "127.0.0.1:8181", "--config-file", "/config/opa-config.yaml"]

            env {
              name = "GDX_OPA_API_KEY"
              value_from {
                secret_key_ref {
                  name = kubernetes_secret_v1.env.metadata[0].name
                  key  = "GDX_OPA_API_KEY"
                }
              }
            }

            resources {
              requests = {
                cpu    = var.opa_resources.cpu_request
                memory = var.opa_resources.memory_request
              }
              limits = {
                cpu    = var.opa_resources.cpu_limit
                memory = var.opa_resources.memory_limit
              }
            }

            # OPA listens on the pod's loopback only, where no kubelet probe reaches it: a crashed
            # OPA is restarted, and meanwhile the hub denies every lookup (policy_unavailable).

            security_context {
              allow_privilege_escalation = false
              read_only_root_filesystem  = true
              capabilities {
                drop = ["ALL"]
              }
            }

            volume_mount {
              name       = "opa-config"
              mount_path = "/config"
              read_only  = true
            }
          }
        }

        volume {
          name = "data"
          empty_dir {}
        }
        volume {
          name = "tmp"
          empty_dir {}
        }
        volume {
          name = "archive"
          persistent_volume_claim {
            claim_name = kubernetes_persistent_volume_claim_v1.archive.metadata[0].name
          }
        }
        dynamic "volume" {
          for_each = var.keystore_secret_name == null ? [] : [1]
          content {
            name = "keystore"
            secret {
              secret_name = var.keystore_secret_name
            }
          }
        }
        dynamic "volume" {
          for_each = var.settings.opa_sidecar ? [1] : []
          content {
            name = "opa-config"
            config_map {
              name = kubernetes_config_map_v1.opa[0].metadata[0].name
            }
          }
        }
      }
    }
  }

  # The HPA owns the replica count once it exists.
  lifecycle {
    ignore_changes = [spec[0].replicas]
  }
}

resource "kubernetes_service_v1" "hub" {
  metadata {
    name      = var.name
    namespace = var.namespace
    labels    = local.labels
  }
  spec {
    type     = var.service_type
    selector = local.labels
    # The console's sign-in session lives in one hub's memory (ADR 0013): keep a browser on the
    # pod it signed in to. An ingress with cookie affinity does the same more precisely.
    session_affinity = var.session_affinity
    port {
      name        = "http"
      port        = 80
      target_port = "http"
    }
  }
}

resource "kubernetes_horizontal_pod_autoscaler_v2" "hub" {
  metadata {
    name      = var.name
    namespace = var.namespace
    labels    = local.labels
  }
  spec {
    min_replicas = var.replicas
    max_replicas = var.max_replicas
    scale_target_ref {
      api_version = "apps/v1"
      kind        = "Deployment"
      name        = kubernetes_deployment_v1.hub.metadata[0].name
    }
    metric {
      type = "Resource"
      resource {
        name = "cpu"
        target {
          type                = "Utilization"
          average_utilization = var.target_cpu_utilization
        }
      }
    }
    behavior {
      scale_down {
        stabilization_window_seconds = 300
        select_policy                = "Max"
        policy {
          type           = "Pods"
          value          = 1
          period_seconds = 60
        }
      }
    }
  }
}

resource "kubernetes_pod_disruption_budget_v1" "hub" {
  metadata {
    name      = var.name
    namespace = var.namespace
    labels    = local.labels
  }
  spec {
    # A node drain takes one instance at a time.
    max_unavailable = "1"
    selector {
      match_labels = local.labels
    }
  }
}
