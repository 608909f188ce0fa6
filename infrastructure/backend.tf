# Remote state
# ------------
# By default Terraform keeps state in a local file under infrastructure/
# (terraform.tfstate.d/<workspace>/ when the scripts select one workspace per
# environment). That is fine for a single developer trying things out, but any
# shared or CI-driven deployment MUST use remote state: the state file holds
# the page-token signing secret and is the only record of what was created.
#
# To switch to S3:
#
#   1. Create a versioned, encrypted, private S3 bucket once per AWS account,
#      for example:
#
#        aws s3api create-bucket --bucket <state-bucket> --region us-east-1
#        aws s3api put-bucket-versioning --bucket <state-bucket> \
#          --versioning-configuration Status=Enabled
#        aws s3api put-public-access-block --bucket <state-bucket> \
#          --public-access-block-configuration \
#          BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
#
#      (S3 encrypts new objects with SSE-S3 by default; `encrypt = true`
#      below requests it explicitly.)
#
#   2. Uncomment the block below and fill in bucket and region. Keep the key:
#      every environment lives in its own workspace, which the S3 backend
#      stores under env:/<workspace>/<key>.
#
#   3. Run `terraform init -migrate-state` from infrastructure/ (or simply run
#      scripts/deploy.sh, which runs `terraform init`).
#
# `use_lockfile = true` gives native S3 state locking and needs Terraform
# >= 1.10. On older versions remove it and set `dynamodb_table` to a table
# with a string hash key named LockID instead.
#
# terraform {
#   backend "s3" {
#     bucket       = "<state-bucket>"
#     key          = "task-api/terraform.tfstate"
#     region       = "us-east-1"
#     encrypt      = true
#     use_lockfile = true
#   }
# }
