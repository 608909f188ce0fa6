################################################################################
# Attachments bucket (issue 17)
#
# Files attached to tasks never pass through the function: it signs
# short-lived URLs and clients PUT and GET the bytes straight from S3. The
# bucket is private and holds nothing but attachments, under two prefixes
# (README.md, "Attachments"):
#
#   pending/<key>     written by clients through a presigned PUT; an upload
#                     that is never completed expires here after a day
#   available/<key>   the completed attachment: copied from pending/ by the
#                     function (CopyObject, If-Match on the ETag it checked),
#                     never written by a client, never expired
#
# <key> is the application's object key, `<task id>/<attachment id>`: random
# ids, never derived from the filename.
#
# Encryption: SSE-S3 (AES256), not the function's environment key (see
# README.md). Versioning: off; every key is written once and a deleted file is
# meant to be gone. Deletion protection: force_destroy follows
# table_deletion_protection_enabled like the tables' deletion protection, so
# a protected bucket that holds files is never emptied by a destroy.
################################################################################

data "aws_caller_identity" "current" {}

locals {
  # The prefix of uploads that were never completed; the only objects the
  # lifecycle rule expires.
  attachments_pending_prefix = "pending/"

  # The headers a browser must be allowed to send with the presigned PUT: the
  # signed Content-Type. Content-Length is signed too, but browsers set it
  # themselves and never ask a CORS preflight for it.
  attachments_upload_headers = ["content-type"]

  # The origin of the URLs the function presigns, which browsers upload to
  # (the task board's Content-Security-Policy allows exactly this one). The
  # function's S3 presigner (AWS SDK for Java v2, task-files-s3) addresses the
  # bucket virtual-hosted style at the regional endpoint,
  # https://<bucket>.s3.<region>.amazonaws.com, except in us-east-1, where
  # the SDK's default still uses the global endpoint,
  # https://<bucket>.s3.amazonaws.com (as task-files-s3's S3FileStoreTest
  # shows); the function's environment changes neither.
  attachments_origin = var.aws_region == "us-east-1" ? "https://${aws_s3_bucket.attachments.bucket}.s3.amazonaws.com" : "https://${aws_s3_bucket.attachments.bucket}.s3.${var.aws_region}.amazonaws.com"
}

resource "aws_s3_bucket" "attachments" {
  # Bucket names are global: the account id keeps them apart. At most 57
  # characters (24 for the project, 7 for the environment), below S3's 63.
  bucket = "${local.name}-attachments-${data.aws_caller_identity.current.account_id}"

  # Protected (false): destroying the bucket fails while it holds any file,
  # as the tables' deletion protection does. Unprotected (true): a destroy
  # deletes every file first. Only Terraform reads this; changing it makes no
  # call to AWS.
  force_destroy = !var.table_deletion_protection_enabled
}

resource "aws_s3_bucket_public_access_block" "attachments" {
  bucket = aws_s3_bucket.attachments.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# ACLs are disabled: the bucket owns every object, whoever uploaded it.
resource "aws_s3_bucket_ownership_controls" "attachments" {
  bucket = aws_s3_bucket.attachments.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

# SSE-S3: no key to manage, no KMS permission for the function (which signs
# the URLs, so S3 would check its kms:GenerateDataKey and kms:Decrypt on every
# upload and download), no per-request KMS charge.
resource "aws_s3_bucket_server_side_encryption_configuration" "attachments" {
  bucket = aws_s3_bucket.attachments.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

# Off, and declared so: an attachment's key is written once, and a deleted
# attachment must not live on as a noncurrent version. S3 accepts "Disabled"
# only for a bucket that was never versioned; once Enabled it can only be
# Suspended.
resource "aws_s3_bucket_versioning" "attachments" {
  bucket = aws_s3_bucket.attachments.id

  versioning_configuration {
    status = "Disabled"
  }
}

# Presigned URLs are always https; this refuses any plain-http request, signed
# or not. Nothing is allowed here: only the function's role may touch objects,
# through its own IAM policy (modules/lambda).
data "aws_iam_policy_document" "attachments_bucket" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.attachments.arn, "${aws_s3_bucket.attachments.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "attachments" {
  bucket = aws_s3_bucket.attachments.id
  policy = data.aws_iam_policy_document.attachments_bucket.json

  # A bucket policy put before the public access block exists can race it.
  depends_on = [aws_s3_bucket_public_access_block.attachments]
}

# Browsers upload and download across origins: only the front end's origins
# (the API's own, local.cors_origins: the hosted board's and
# cors_allowed_origins), only PUT and GET, only the signed Content-Type
# header; the ETag is readable so a client can report what it uploaded.
resource "aws_s3_bucket_cors_configuration" "attachments" {
  bucket = aws_s3_bucket.attachments.id

  cors_rule {
    id              = "presigned-upload-and-download"
    allowed_methods = ["PUT", "GET"]
    allowed_origins = local.cors_origins
    allowed_headers = local.attachments_upload_headers
    expose_headers  = ["ETag"]
    max_age_seconds = 3600
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "attachments" {
  bucket = aws_s3_bucket.attachments.id

  # Presigned single PUTs never start a multipart upload; this is the safety
  # net that keeps parts of one from being billed forever.
  rule {
    id     = "abort-incomplete-multipart-uploads"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }

  # Uploads that were never completed. S3 rounds each expiry up to the next
  # midnight UTC and removes expired objects asynchronously: an abandoned
  # upload goes 24 to 48 hours after it was written. available/ never expires.
  rule {
    id     = "expire-pending-uploads"
    status = "Enabled"

    filter {
      prefix = local.attachments_pending_prefix
    }

    expiration {
      days = 1
    }
  }
}
