terraform {
  required_version = ">= 1.6, < 2.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # A minimum for the module, capped below the next major version; the root
      # module pins the release line (~> 6.36).
      version = ">= 6.36, < 7.0"
    }
  }
}
