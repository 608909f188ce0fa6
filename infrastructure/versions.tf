terraform {
  # 1.6 is the oldest Terraform this configuration supports, the same floor
  # scripts/lib/common.sh checks. The newest language feature the files use is
  # strcontains() (Terraform 1.5); TerraformProviderTest fails if a newer one
  # appears without the floor moving with it. The optional S3 backend in
  # backend.tf needs >= 1.10 for native state locking (use_lockfile).
  required_version = ">= 1.6, < 2.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # The 6.x line: 5.x gets no feature releases any more, and java25
      # (lambda_runtime) is accepted from 6.20.0 on. 6.36 is the newest release
      # in the provider's CHANGELOG these files were checked against
      # (infrastructure/README.md, "Versions and checks").
      version = "~> 6.36"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
  }
}
