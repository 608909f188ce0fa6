################################################################################
# Task board hosting (board_hosting_enabled, on by default)
#
#   browser ──HTTPS──▶ CloudFront distribution (default certificate, security
#                      headers, HTTP→HTTPS redirect)
#                        │ signed with the origin access control (SigV4)
#                        ▼
#                      S3 bucket <name>-board-<account id> (private): the
#                      files of task-adapter-javalin's public/ folder and the
#                      config.json Terraform writes from this deployment
#
# The board is static: it reads config.json, then calls the API, the hosted
# sign-in page and the attachments bucket straight from the browser. Those
# three are the only other origins its Content-Security-Policy lets it
# connect to, and its origin is added to the API's and the attachments
# bucket's CORS origins (local.cors_origins below). With auth_mode =
# "cognito" the app client (cognito.tf) signs users in on the hosted page and
# sends them back to the board's URL.
#
# Terraform uploads the files: `terraform apply` publishes the board as it is
# in the working tree, and scripts/deploy.sh then invalidates CloudFront's
# caches.
################################################################################

locals {
  # The board's files, as the local server serves them. config.json is
  # Terraform's own (below), so a file of that name there is never uploaded
  # over it.
  board_source_dir = "${path.module}/../task-adapter-javalin/src/main/resources/public"
  board_files      = var.board_hosting_enabled ? setsubtract(fileset(local.board_source_dir, "**"), ["config.json"]) : toset([])

  # Content-Type by file extension. The files are served as S3 stores them
  # and X-Content-Type-Options: nosniff stops browsers from guessing, so a
  # file of any other kind fails the plan (the precondition on
  # aws_s3_object.board) until its type is added here.
  board_content_types = {
    css  = "text/css; charset=utf-8"
    html = "text/html; charset=utf-8"
    js   = "text/javascript; charset=utf-8"
    json = "application/json"
    png  = "image/png"
    svg  = "image/svg+xml"
  }
  board_file_extensions = { for file in local.board_files : file => lower(reverse(split(".", basename(file)))[0]) }

  # The board's address: its origin (for CORS) and its URL (the app client's
  # callback and logout URL; the board registers its own address without the
  # query as the redirect URI).
  board_origin  = var.board_hosting_enabled ? "https://${aws_cloudfront_distribution.board[0].domain_name}" : null
  board_url     = var.board_hosting_enabled ? "https://${aws_cloudfront_distribution.board[0].domain_name}/" : null
  board_origins = var.board_hosting_enabled ? [local.board_origin] : []

  # The origins the function (TASKS_CORS_ORIGINS) and the attachments bucket's
  # CORS rule allow: ["*"] when asked for, else the board's origin and the
  # listed ones, else (nothing hosted, nothing listed) any origin, as before
  # the board was hosted.
  cors_listed_origins = distinct(concat(local.board_origins, var.cors_allowed_origins))
  cors_origins        = contains(var.cors_allowed_origins, "*") ? ["*"] : length(local.cors_listed_origins) > 0 ? local.cors_listed_origins : ["*"]

  # Where the board sends requests: the stage's invoke URL, exactly what the
  # output api_endpoint says. Its origin is built from the REST API's id, not
  # from the stage, which depends on the function and so (through its CORS
  # origins) on the distribution: that would be a cycle.
  api_origin = "https://${aws_api_gateway_rest_api.this.id}.execute-api.${var.aws_region}.amazonaws.com"

  # connect-src: what the board's scripts may fetch or upload to, and nothing
  # else:
  #   'self'                 config.json
  #   the API                every request the board makes (api_url)
  #   the sign-in page       its /oauth2/token and /oauth2/revoke (the
  #                          /oauth2/authorize and /logout pages are
  #                          navigations, which connect-src does not govern);
  #                          whenever there is one (auth_mode = "cognito")
  #   the attachments bucket uploads: the board PUTs a file's bytes straight
  #                          to S3 with the presigned URL the API returns
  #                          (downloads are navigations to a presigned URL)
  board_sign_in_sources = local.cognito_hosted_domain ? [local.cognito_sign_in_url] : []
  board_connect_sources = concat(["'self'", local.api_origin], local.board_sign_in_sources, [local.attachments_origin])

  # Scripts, styles and images from the board's own files only: no inline
  # script or style, no eval, nothing from another server. No plugin, frame,
  # worker, font or media is allowed (default-src 'none'); no page may frame
  # the board (frame-ancestors, and X-Frame-Options for older browsers).
  board_content_security_policy = join("; ", [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src ${join(" ", local.board_connect_sources)}",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ])

  # config.json: what the board reads before its first request. The same
  # shape as the local server's /config.json (task-adapter-javalin's
  # BoardConfig): api_url, and sign_in, null without authentication.
  board_sign_in = {
    url       = local.cognito_sign_in_url
    client_id = one(aws_cognito_user_pool_client.this[*].id)
    scopes    = local.cognito_oauth_scopes
  }
  board_config = {
    api_url = aws_api_gateway_stage.this.invoke_url
    sign_in = local.cognito_enabled ? local.board_sign_in : null
  }
}

################################################################################
# The bucket: private, reachable only through the distribution
################################################################################

resource "aws_s3_bucket" "board" {
  count = var.board_hosting_enabled ? 1 : 0

  # Global names: the account id keeps them apart. At most 51 characters.
  bucket = "${local.name}-board-${data.aws_caller_identity.current.account_id}"

  # The bucket holds only files Terraform uploads from the repository, so a
  # destroy may delete them (no data is lost; see README.md, Teardown).
  force_destroy = true
}

resource "aws_s3_bucket_public_access_block" "board" {
  count = var.board_hosting_enabled ? 1 : 0

  bucket = aws_s3_bucket.board[0].id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "board" {
  count = var.board_hosting_enabled ? 1 : 0

  bucket = aws_s3_bucket.board[0].id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "board" {
  count = var.board_hosting_enabled ? 1 : 0

  bucket = aws_s3_bucket.board[0].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

# Only this distribution may read the files (the service principal, with the
# distribution's ARN as the source: no other distribution, in any account,
# can use the bucket as its origin), and nothing without TLS. A grant to a
# service principal conditioned on aws:SourceArn is not public, so the public
# access block allows it.
data "aws_iam_policy_document" "board_bucket" {
  count = var.board_hosting_enabled ? 1 : 0

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.board[0].arn, "${aws_s3_bucket.board[0].arn}/*"]

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

  statement {
    sid       = "CloudFrontReadsTheBoard"
    effect    = "Allow"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.board[0].arn}/*"]

    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "AWS:SourceArn"
      values   = [aws_cloudfront_distribution.board[0].arn]
    }
  }
}

resource "aws_s3_bucket_policy" "board" {
  count = var.board_hosting_enabled ? 1 : 0

  bucket = aws_s3_bucket.board[0].id
  policy = data.aws_iam_policy_document.board_bucket[0].json

  # A bucket policy put before the public access block exists can race it.
  depends_on = [aws_s3_bucket_public_access_block.board]
}

################################################################################
# The board's files
################################################################################

# The files are not fingerprinted (index.html names app.js, not app.3f2a.js),
# so every response says no-cache: browsers revalidate each file on every
# load, and CloudFront keeps it for the cache policy's minimum TTL only. The
# etag makes Terraform upload a file again whenever its content changes.
resource "aws_s3_object" "board" {
  for_each = local.board_files

  bucket        = aws_s3_bucket.board[0].id
  key           = each.key
  source        = "${local.board_source_dir}/${each.key}"
  etag          = filemd5("${local.board_source_dir}/${each.key}")
  content_type  = lookup(local.board_content_types, local.board_file_extensions[each.key], null)
  cache_control = "no-cache"

  lifecycle {
    precondition {
      condition     = contains(keys(local.board_content_types), local.board_file_extensions[each.key])
      error_message = "The board file ${each.key} has no known content type: add its extension to local.board_content_types in board.tf."
    }
  }
}

resource "aws_s3_object" "board_config" {
  count = var.board_hosting_enabled ? 1 : 0

  bucket        = aws_s3_bucket.board[0].id
  key           = "config.json"
  content       = jsonencode(local.board_config)
  content_type  = "application/json"
  cache_control = "no-cache"
}

################################################################################
# The distribution
################################################################################

# CloudFront signs every request to the bucket with SigV4 as itself; the
# bucket policy above trusts exactly that. (The legacy origin access identity
# is not used.)
resource "aws_cloudfront_origin_access_control" "board" {
  count = var.board_hosting_enabled ? 1 : 0

  name                              = "${local.name}-board"
  description                       = "Task board (${var.environment}): CloudFront reads the board's bucket"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

# Compresses text files and caches by path only (no query string, header or
# cookie in the key): the managed CachingOptimized policy. The files' own
# Cache-Control: no-cache keeps them at its minimum TTL.
data "aws_cloudfront_cache_policy" "caching_optimized" {
  count = var.board_hosting_enabled ? 1 : 0

  name = "Managed-CachingOptimized"
}

resource "aws_cloudfront_response_headers_policy" "board" {
  count = var.board_hosting_enabled ? 1 : 0

  name    = "${local.name}-board-security-headers"
  comment = "Task board (${var.environment}): CSP, HSTS, nosniff, no framing, no referrer"

  # override = true: these values win over any the origin sends.
  security_headers_config {
    content_security_policy {
      content_security_policy = local.board_content_security_policy
      override                = true
    }

    content_type_options {
      override = true
    }

    frame_options {
      frame_option = "DENY"
      override     = true
    }

    # One year, with includeSubDomains (which covers only names under the
    # distribution's own d....cloudfront.net); not preload, since
    # cloudfront.net is not ours to submit to the browsers' preload lists.
    strict_transport_security {
      access_control_max_age_sec = 31536000
      include_subdomains         = true
      override                   = true
    }

    # No request the board makes tells another server its address, which
    # carries the authorization code (?code=...) right after sign-in.
    referrer_policy {
      referrer_policy = "no-referrer"
      override        = true
    }
  }
}

resource "aws_cloudfront_distribution" "board" {
  count = var.board_hosting_enabled ? 1 : 0

  enabled             = true
  comment             = "Task board (${var.environment})"
  default_root_object = "index.html"
  http_version        = "http2and3"
  is_ipv6_enabled     = true
  price_class         = var.board_price_class

  origin {
    origin_id                = "board-bucket"
    domain_name              = aws_s3_bucket.board[0].bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.board[0].id
  }

  default_cache_behavior {
    target_origin_id = "board-bucket"
    # redirect-to-https rather than https-only: a plain http:// link or a
    # typed address is sent to the https:// URL instead of failing with 403,
    # and the board's requests carry no credentials that the redirect could
    # expose (tokens live in the tab, never in cookies). After the first
    # HTTPS answer, Strict-Transport-Security makes the browser use https://
    # itself. It also means CloudFront always reaches S3 over HTTPS (an S3
    # origin follows the viewer's protocol), which the bucket policy requires.
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = data.aws_cloudfront_cache_policy.caching_optimized[0].id
    response_headers_policy_id = aws_cloudfront_response_headers_policy.board[0].id
  }

  # The distribution may read objects but not list the bucket, so S3 answers
  # a missing file with 403 AccessDenied, and either error would show S3's
  # XML (its request ids and error code). Both become the board's own page
  # with status 404: nothing of S3 shows, the status stays an error (no cache
  # or crawler takes it for content), and a mistyped path at the root still
  # opens a working board. Errors are cached for 10 seconds, so a file just
  # uploaded appears soon.
  custom_error_response {
    error_code            = 403
    response_code         = 404
    response_page_path    = "/index.html"
    error_caching_min_ttl = 10
  }

  custom_error_response {
    error_code            = 404
    response_code         = 404
    response_page_path    = "/index.html"
    error_caching_min_ttl = 10
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  # The *.cloudfront.net name and certificate. With the default certificate
  # CloudFront accepts TLS 1.0 and later; a custom domain (an ACM certificate
  # in us-east-1 and minimum_protocol_version) would allow raising that.
  viewer_certificate {
    cloudfront_default_certificate = true
  }
}
