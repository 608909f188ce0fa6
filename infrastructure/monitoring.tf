################################################################################
# Alarm notifications
################################################################################

# Not encrypted with the AWS managed aws/sns key on purpose: CloudWatch alarms
# cannot publish to topics that use it (its key policy cannot grant
# cloudwatch.amazonaws.com). Alarm messages carry no task data.
resource "aws_sns_topic" "alarms" {
  name = "${local.name}-alarms"
}

resource "aws_sns_topic_subscription" "alarm_email" {
  count = var.alarm_email == null ? 0 : 1

  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

locals {
  alarm_actions = [aws_sns_topic.alarms.arn]

  api_dimensions = {
    ApiName = aws_api_gateway_rest_api.this.name
    Stage   = aws_api_gateway_stage.this.stage_name
  }

  lambda_dimensions = {
    FunctionName = module.lambda.function_name
  }
}

################################################################################
# Alarms
################################################################################

resource "aws_cloudwatch_metric_alarm" "lambda_errors" {
  alarm_name          = "${local.name}-lambda-errors"
  alarm_description   = "The ${module.lambda.function_name} function raised errors (unhandled exceptions, timeouts or crashes)."
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = local.lambda_dimensions
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "lambda_throttles" {
  alarm_name          = "${local.name}-lambda-throttles"
  alarm_description   = "Invocations of ${module.lambda.function_name} were throttled (concurrency limit reached)."
  namespace           = "AWS/Lambda"
  metric_name         = "Throttles"
  dimensions          = local.lambda_dimensions
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "api_5xx" {
  alarm_name          = "${local.name}-api-5xx"
  alarm_description   = "The ${aws_api_gateway_rest_api.this.name} API (stage ${var.stage_name}) returned 5XX responses."
  namespace           = "AWS/ApiGateway"
  metric_name         = "5XXError"
  dimensions          = local.api_dimensions
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "api_latency_p99" {
  alarm_name          = "${local.name}-api-latency-p99"
  alarm_description   = "p99 latency of the ${aws_api_gateway_rest_api.this.name} API (stage ${var.stage_name}) above ${var.api_latency_p99_threshold_ms} ms for 10 minutes."
  namespace           = "AWS/ApiGateway"
  metric_name         = "Latency"
  dimensions          = local.api_dimensions
  extended_statistic  = "p99"
  period              = 300
  evaluation_periods  = 2
  threshold           = var.api_latency_p99_threshold_ms
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  # A handful of requests (e.g. a few cold starts at night) is not a trend.
  evaluate_low_sample_count_percentiles = "ignore"
}

# The function's own metrics: every request log line is a CloudWatch Embedded
# Metric Format record (namespace TaskApi, dimension Service = function name),
# so these cost no API calls. ServerErrors counts the 5xx answers the API
# itself gives (store unavailable, unexpected failures), which API Gateway's
# 5XXError mixes with its own.
resource "aws_cloudwatch_metric_alarm" "app_server_errors" {
  alarm_name          = "${local.name}-app-server-errors"
  alarm_description   = "The ${module.lambda.function_name} function answered requests with 5xx (store unavailable or unexpected failures)."
  namespace           = "TaskApi"
  metric_name         = "ServerErrors"
  dimensions          = { Service = module.lambda.function_name }
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

# DynamoDB reports throttled requests per operation; each table's alarm sums
# the operations the function uses on it (the ones its IAM statements grant).
# The idempotency table counts as much as the tasks table: every write with an
# Idempotency-Key claims, completes or releases a record there first, so its
# throttling fails requests just the same. So does the lists table: every
# request about a list, and every request about a list's task, checks the
# caller's membership there first. An alarm on a metric math expression may
# read at most 10 metrics (a hard CloudWatch limit), one per operation here.
locals {
  throttle_alarm_tables = {
    tasks = {
      alarm      = "dynamodb-throttles"
      table      = aws_dynamodb_table.tasks.name
      operations = local.table_operations
    }
    idempotency = {
      alarm      = "dynamodb-idempotency-throttles"
      table      = aws_dynamodb_table.idempotency.name
      operations = local.idempotency_table_operations
    }
    lists = {
      alarm      = "dynamodb-lists-throttles"
      table      = aws_dynamodb_table.lists.name
      operations = local.lists_table_operations
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "dynamodb_throttles" {
  for_each = local.throttle_alarm_tables

  alarm_name          = "${local.name}-${each.value.alarm}"
  alarm_description   = "Requests to the ${each.value.table} table were throttled."
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  metric_query {
    id          = "throttled"
    label       = "Throttled requests"
    expression  = "SUM([${join(", ", [for op in each.value.operations : lower(op)])}])"
    return_data = true
  }

  dynamic "metric_query" {
    for_each = each.value.operations

    content {
      id = lower(metric_query.value)

      metric {
        namespace   = "AWS/DynamoDB"
        metric_name = "ThrottledRequests"
        period      = 60
        stat        = "Sum"

        dimensions = {
          TableName = each.value.table
          Operation = metric_query.value
        }
      }
    }
  }
}

# The tasks table's alarm, a single resource before the idempotency table got
# one, keeps its name and history.
moved {
  from = aws_cloudwatch_metric_alarm.dynamodb_throttles
  to   = aws_cloudwatch_metric_alarm.dynamodb_throttles["tasks"]
}

################################################################################
# Dashboard
################################################################################

locals {
  api_name               = aws_api_gateway_rest_api.this.name
  stage                  = aws_api_gateway_stage.this.stage_name
  fn_name                = module.lambda.function_name
  table_name             = aws_dynamodb_table.tasks.name
  idempotency_table_name = aws_dynamodb_table.idempotency.name
  lists_table_name       = aws_dynamodb_table.lists.name
  index_names = sort([
    for index in aws_dynamodb_table.tasks.global_secondary_index : index.name
  ])

  dashboard_widgets = [
    {
      type   = "text"
      x      = 0
      y      = 0
      width  = 24
      height = 2
      properties = {
        markdown = "## Task API (${var.environment})\nAPI `${local.api_name}` stage `${local.stage}` -> Lambda `${local.fn_name}:${module.lambda.alias_name}` -> DynamoDB `${local.table_name}`, `${local.lists_table_name}`; maintenance every minute (EventBridge rule `${aws_cloudwatch_event_rule.maintenance.name}`)"
      }
    },
    {
      type   = "metric"
      x      = 0
      y      = 2
      width  = 12
      height = 6
      properties = {
        title  = "API requests"
        region = var.aws_region
        view   = "timeSeries"
        period = 60
        stat   = "Sum"
        metrics = [
          ["AWS/ApiGateway", "Count", "ApiName", local.api_name, "Stage", local.stage, { label = "Requests" }],
        ]
      }
    },
    {
      type   = "metric"
      x      = 12
      y      = 2
      width  = 12
      height = 6
      properties = {
        title  = "API errors"
        region = var.aws_region
        view   = "timeSeries"
        period = 60
        stat   = "Sum"
        metrics = [
          ["AWS/ApiGateway", "4XXError", "ApiName", local.api_name, "Stage", local.stage, { label = "4XX" }],
          ["AWS/ApiGateway", "5XXError", "ApiName", local.api_name, "Stage", local.stage, { label = "5XX", color = "#d62728" }],
        ]
      }
    },
    {
      type   = "metric"
      x      = 0
      y      = 8
      width  = 12
      height = 6
      properties = {
        title  = "API latency (ms)"
        region = var.aws_region
        view   = "timeSeries"
        period = 60
        metrics = [
          ["AWS/ApiGateway", "Latency", "ApiName", local.api_name, "Stage", local.stage, { stat = "p50", label = "Latency p50" }],
          ["AWS/ApiGateway", "Latency", "ApiName", local.api_name, "Stage", local.stage, { stat = "p99", label = "Latency p99" }],
          ["AWS/ApiGateway", "IntegrationLatency", "ApiName", local.api_name, "Stage", local.stage, { stat = "p99", label = "Integration latency p99" }],
        ]
        annotations = {
          horizontal = [
            { label = "p99 alarm threshold", value = var.api_latency_p99_threshold_ms },
          ]
        }
      }
    },
    {
      type   = "metric"
      x      = 12
      y      = 8
      width  = 12
      height = 6
      properties = {
        title  = "Lambda invocations, errors and throttles"
        region = var.aws_region
        view   = "timeSeries"
        period = 60
        stat   = "Sum"
        metrics = [
          ["AWS/Lambda", "Invocations", "FunctionName", local.fn_name, { label = "Invocations" }],
          ["AWS/Lambda", "Errors", "FunctionName", local.fn_name, { label = "Errors", color = "#d62728" }],
          ["AWS/Lambda", "Throttles", "FunctionName", local.fn_name, { label = "Throttles", color = "#ff7f0e" }],
          # One invocation a minute is the maintenance schedule's, not a request.
          ["AWS/Events", "Invocations", "RuleName", aws_cloudwatch_event_rule.maintenance.name, { label = "Maintenance runs" }],
          ["AWS/Events", "FailedInvocations", "RuleName", aws_cloudwatch_event_rule.maintenance.name, { label = "Maintenance runs not delivered", color = "#9467bd" }],
        ]
      }
    },
    {
      type   = "metric"
      x      = 0
      y      = 14
      width  = 12
      height = 6
      properties = {
        title  = "Lambda duration (ms)"
        region = var.aws_region
        view   = "timeSeries"
        period = 60
        metrics = [
          ["AWS/Lambda", "Duration", "FunctionName", local.fn_name, { stat = "p50", label = "Duration p50" }],
          ["AWS/Lambda", "Duration", "FunctionName", local.fn_name, { stat = "p99", label = "Duration p99" }],
          ["AWS/Lambda", "Duration", "FunctionName", local.fn_name, { stat = "Maximum", label = "Duration max" }],
        ]
      }
    },
    {
      type   = "metric"
      x      = 12
      y      = 14
      width  = 12
      height = 6
      properties = {
        title  = "Lambda concurrency"
        region = var.aws_region
        view   = "timeSeries"
        period = 60
        metrics = [
          ["AWS/Lambda", "ConcurrentExecutions", "FunctionName", local.fn_name, { stat = "Maximum", label = "Concurrent executions (max)" }],
        ]
      }
    },
    {
      # Lambda publishes no metric for start-up time; it is read from the
      # REPORT line of each cold start. With a managed runtime SnapStart is on
      # (published versions), so a new execution environment restores a
      # snapshot: its REPORT line has "Restore Duration" and no Init Duration
      # (@initDuration), whose init ran when the version was published
      # (INIT_REPORT). Without SnapStart (provided.al2023, the default) the
      # REPORT line has Init Duration instead. A cold start is a REPORT line
      # with either; the rest are warm invocations and are left out.
      type   = "log"
      x      = 0
      y      = 20
      width  = 24
      height = 6
      properties = {
        title  = "Lambda cold starts: SnapStart restore, or init without SnapStart (ms)"
        region = var.aws_region
        view   = "table"
        query  = "SOURCE '${module.lambda.log_group_name}' | filter @type = \"REPORT\" | parse @message /Restore Duration: (?<restoreMs>[0-9.]+) ms/ | filter ispresent(restoreMs) or ispresent(@initDuration) | stats count(*) as coldStarts, count(restoreMs) as restores, avg(restoreMs) as avgRestoreMs, pct(restoreMs, 99) as p99RestoreMs, max(restoreMs) as maxRestoreMs, count(@initDuration) as inits, avg(@initDuration) as avgInitMs, max(@initDuration) as maxInitMs by bin(1h)"
      }
    },
    {
      type   = "metric"
      x      = 0
      y      = 26
      width  = 12
      height = 6
      properties = {
        title  = "DynamoDB consumed capacity"
        region = var.aws_region
        view   = "timeSeries"
        period = 60
        stat   = "Sum"
        metrics = concat(
          [
            ["AWS/DynamoDB", "ConsumedReadCapacityUnits", "TableName", local.table_name, { label = "Table RCU" }],
            ["AWS/DynamoDB", "ConsumedWriteCapacityUnits", "TableName", local.table_name, { label = "Table WCU" }],
          ],
          [
            for index in local.index_names :
            ["AWS/DynamoDB", "ConsumedReadCapacityUnits", "TableName", local.table_name, "GlobalSecondaryIndexName", index, { label = "${index} RCU" }]
          ],
          [
            ["AWS/DynamoDB", "ConsumedReadCapacityUnits", "TableName", local.lists_table_name, { label = "Lists table RCU" }],
            ["AWS/DynamoDB", "ConsumedWriteCapacityUnits", "TableName", local.lists_table_name, { label = "Lists table WCU" }],
          ],
        )
      }
    },
    {
      type   = "metric"
      x      = 12
      y      = 26
      width  = 12
      height = 6
      properties = {
        title  = "DynamoDB throttles (tasks, lists and idempotency tables)"
        region = var.aws_region
        view   = "timeSeries"
        period = 60
        stat   = "Sum"
        metrics = concat(
          [
            for op in local.table_operations :
            ["AWS/DynamoDB", "ThrottledRequests", "TableName", local.table_name, "Operation", op, { label = "Throttled ${op}" }]
          ],
          [
            ["AWS/DynamoDB", "ReadThrottleEvents", "TableName", local.table_name, { label = "Read throttle events" }],
            ["AWS/DynamoDB", "WriteThrottleEvents", "TableName", local.table_name, { label = "Write throttle events" }],
          ],
          [
            for op in local.idempotency_table_operations :
            ["AWS/DynamoDB", "ThrottledRequests", "TableName", local.idempotency_table_name, "Operation", op, { label = "Idempotency: throttled ${op}" }]
          ],
          [
            for op in local.lists_table_operations :
            ["AWS/DynamoDB", "ThrottledRequests", "TableName", local.lists_table_name, "Operation", op, { label = "Lists: throttled ${op}" }]
          ],
        )
      }
    },
    {
      type   = "alarm"
      x      = 0
      y      = 32
      width  = 24
      height = 3
      properties = {
        title = "Alarms"
        alarms = [
          aws_cloudwatch_metric_alarm.lambda_errors.arn,
          aws_cloudwatch_metric_alarm.lambda_throttles.arn,
          aws_cloudwatch_metric_alarm.api_5xx.arn,
          aws_cloudwatch_metric_alarm.api_latency_p99.arn,
          aws_cloudwatch_metric_alarm.dynamodb_throttles["tasks"].arn,
          aws_cloudwatch_metric_alarm.dynamodb_throttles["idempotency"].arn,
          aws_cloudwatch_metric_alarm.dynamodb_throttles["lists"].arn,
          aws_cloudwatch_metric_alarm.app_server_errors.arn,
        ]
      }
    },
    {
      type   = "metric"
      x      = 0
      y      = 35
      width  = 12
      height = 6
      properties = {
        title  = "Function: answers and cold starts (TaskApi metrics)"
        region = var.aws_region
        view   = "timeSeries"
        period = 60
        stat   = "Sum"
        metrics = [
          ["TaskApi", "Requests", "Service", local.fn_name, { label = "Requests" }],
          ["TaskApi", "ClientErrors", "Service", local.fn_name, { label = "4xx" }],
          ["TaskApi", "ServerErrors", "Service", local.fn_name, { label = "5xx", color = "#d62728" }],
          ["TaskApi", "ColdStart", "Service", local.fn_name, { label = "Cold starts" }],
        ]
      }
    },
    {
      type   = "metric"
      x      = 12
      y      = 35
      width  = 12
      height = 6
      properties = {
        title  = "Function: latency inside the handler (TaskApi metrics)"
        region = var.aws_region
        view   = "timeSeries"
        period = 60
        metrics = [
          ["TaskApi", "Latency", "Service", local.fn_name, { stat = "p50", label = "p50" }],
          ["TaskApi", "Latency", "Service", local.fn_name, { stat = "p99", label = "p99" }],
        ]
      }
    },
  ]
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = local.name
  dashboard_body = jsonencode({ widgets = local.dashboard_widgets })
}
