terraform {
  # 1.6 is the floor for the language features used here; the optional S3
  # backend in backend.tf needs >= 1.10 for native state locking (use_lockfile).
  required_version = ">= 1.6, < 2.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.80"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
  }
}
