terraform {
  # No provider: this module only computes the hub's environment, so `terraform validate` and
  # `terraform test` run on it offline (bin/check-terraform).
  required_version = ">= 1.6.0"
}
