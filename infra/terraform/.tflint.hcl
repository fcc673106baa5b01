# tflint with its bundled Terraform rules only (no plugin download): bin/check-terraform.
plugin "terraform" {
  enabled = true
  preset  = "all"
}
