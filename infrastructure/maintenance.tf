################################################################################
# Maintenance schedule
#
# Some work cannot finish within the request that causes it: deleting a list
# hides it at once and queues the purge of its tasks, members and invitations;
# removing a member queues the unassignment of their tasks, and deleting a task
# with a long history the removal of its comments and activity, when that did
# not finish in the request. Every minute, an EventBridge
# rule invokes the function's `live` alias with a constant event,
# {"source":"taskapi.maintenance"}, which the handler recognises as no API
# Gateway event: it works through the queue in bounded batches (the function's
# timeout bounds a run) and returns. A queue left over is taken up a minute
# later, so a failed or late run is not retried: the next one does its work.
#
# 43,200 invocations a month, whether or not there is work; an idle run is one
# Query of the queue (README.md, Cost).
################################################################################

resource "aws_cloudwatch_event_rule" "maintenance" {
  name                = "${local.name}-maintenance"
  description         = "Runs the Task API's (${var.environment}) queued maintenance work (purges of deleted lists and of deleted tasks' histories, unassignments of removed members) every minute."
  schedule_expression = "rate(1 minute)"
}

resource "aws_cloudwatch_event_target" "maintenance" {
  rule      = aws_cloudwatch_event_rule.maintenance.name
  target_id = "maintenance"
  arn       = module.lambda.alias_arn

  # The event the function receives instead of EventBridge's own.
  input = jsonencode({ source = "taskapi.maintenance" })

  # An invocation EventBridge could not deliver within a minute is dropped:
  # the next minute's event replaces it.
  retry_policy {
    maximum_event_age_in_seconds = 60
    maximum_retry_attempts       = 0
  }
}

# EventBridge invokes the alias, never $LATEST, and only through this rule.
resource "aws_lambda_permission" "maintenance" {
  statement_id  = "AllowInvokeFromMaintenanceSchedule"
  action        = "lambda:InvokeFunction"
  function_name = module.lambda.function_name
  qualifier     = module.lambda.alias_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.maintenance.arn
}

# EventBridge invokes asynchronously, and Lambda would retry a failed run twice
# and keep an event for up to 6 hours. Neither helps here: the next run starts
# within a minute. Only the schedule invokes the alias asynchronously (API
# Gateway's proxy integration is synchronous), so nothing else is affected.
resource "aws_lambda_function_event_invoke_config" "maintenance" {
  function_name                = module.lambda.function_name
  qualifier                    = module.lambda.alias_name
  maximum_event_age_in_seconds = 60
  maximum_retry_attempts       = 0
}
