package io.taskapi.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.dynamodb.IdempotencyTableSchema;
import io.taskapi.dynamodb.ListTableSchema;
import io.taskapi.dynamodb.TaskTableSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The dashboard shows cold starts of a SnapStart function, and each DynamoDB table the function writes has a throttle
 * alarm over exactly the operations the function may perform on it.
 */
class TerraformMonitoringTest {
    private static final Path ROOT = Repository.infrastructure();
    private static final Path LAMBDA_MODULE = ROOT.resolve("modules/lambda");

    /**
     * REPORT lines as Lambda writes them (fields separated by tabs). With SnapStart a new execution environment reports
     * "Restore Duration" and "Billed Restore Duration" and no "Init Duration"; without it the first invocation reports
     * "Init Duration" (AWS Lambda Developer Guide, "Monitoring for Lambda SnapStart", snapstart-monitoring.html).
     */
    private static final String SNAPSTART_COLD = "REPORT RequestId: 6a4e3b8c-1d2f-4e5a-9b7c-0d1e2f3a4b5c\t"
            + "Duration: 48.21 ms\tBilled Duration: 49 ms\tMemory Size: 512 MB\tMax Memory Used: 131 MB\t"
            + "Restore Duration: 412.35 ms\tBilled Restore Duration: 183 ms\t";
    private static final String WARM = "REPORT RequestId: 0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e\t"
            + "Duration: 7.90 ms\tBilled Duration: 8 ms\tMemory Size: 512 MB\tMax Memory Used: 133 MB\t";
    private static final String ON_DEMAND_COLD = "REPORT RequestId: 9f8e7d6c-5b4a-3f2e-1d0c-b9a8f7e6d5c4\t"
            + "Duration: 60.02 ms\tBilled Duration: 61 ms\tMemory Size: 512 MB\tMax Memory Used: 140 MB\t"
            + "Init Duration: 2317.44 ms\t";

    // ---- the cold-start widget (CloudWatch Logs Insights query syntax: parse, filter, ispresent, stats) ------------

    @Test
    void theColdStartQueryReadsTheRestoreDurationOfSnapStartReportLines() {
        String query = coldStartQuery();
        Matcher parse = Pattern.compile("\\| parse @message /(.+?)/ \\|").matcher(query);

        assertThat(query).contains("filter @type = \"REPORT\"");
        assertThat(parse.find()).as("the query parses the REPORT line: %s", query).isTrue();
        Pattern restore = Pattern.compile(parse.group(1));
        String field = Pattern.compile("\\(\\?<([A-Za-z]+)>").matcher(parse.group(1)).results()
                .map(match -> match.group(1)).findFirst().orElseThrow();
        Matcher snapStart = restore.matcher(SNAPSTART_COLD);

        assertThat(snapStart.find()).isTrue();
        assertThat(snapStart.group(field)).as("Restore Duration, not Billed Restore Duration").isEqualTo("412.35");
        assertThat(restore.matcher(WARM).find()).isFalse();
        assertThat(restore.matcher(ON_DEMAND_COLD).find()).isFalse();
    }

    /**
     * A cold start is a REPORT line with a restore (SnapStart, the default here) or an init (SnapStart off); both are
     * counted, and warm invocations are not.
     */
    @Test
    void theColdStartQueryCountsRestoresAndInitsAsColdStarts() {
        String query = coldStartQuery();
        int filter = query.indexOf("| filter ispresent(restoreMs) or ispresent(@initDuration) |");
        int stats = query.indexOf("| stats count(*) as coldStarts,");

        assertThat(filter).as("cold starts are the lines with a restore or an init: %s", query).isPositive();
        assertThat(stats).as("and all of them are counted: %s", query).isGreaterThan(filter);
        assertThat(query.substring(stats)).contains("avg(restoreMs)", "max(restoreMs)", "avg(@initDuration)",
                "max(@initDuration)");
        assertThat(query).contains("(?<restoreMs>");
    }

    // ---- DynamoDB throttle alarms (website/docs/r/cloudwatch_metric_alarm.html.markdown) ------------------------------

    /**
     * One alarm resource over every table, so the idempotency and lists tables' alarms are the tasks table's on other
     * tables and cannot drift apart; the tasks table's alarm keeps its address and name from earlier deployments.
     */
    @Test
    void eachTableTheFunctionUsesHasAThrottleAlarmOfOneDefinition() {
        Map<String, Object> root = Terraform.module(ROOT);
        Map<String, Object> tables = Terraform.block(root, "locals", "throttle_alarm_tables");
        Map<String, Object> alarm = Terraform.block(root, "resource", "aws_cloudwatch_metric_alarm", "dynamodb_throttles");

        assertThat(tables).containsOnlyKeys("tasks", "idempotency", "lists");
        assertThat(Terraform.reference(Terraform.at(tables, "tasks", "table"))).isEqualTo("aws_dynamodb_table.tasks.name");
        assertThat(Terraform.reference(Terraform.at(tables, "idempotency", "table")))
                .isEqualTo("aws_dynamodb_table.idempotency.name");
        assertThat(Terraform.reference(Terraform.at(tables, "lists", "table"))).isEqualTo("aws_dynamodb_table.lists.name");
        assertThat(Terraform.at(tables, "tasks", "alarm")).isEqualTo("dynamodb-throttles");
        assertThat(tables.keySet().stream().map(table -> Terraform.at(tables, table, "alarm")).distinct())
                .as("one alarm name per table").hasSize(tables.size());
        assertThat(alarm.get("for_each")).as("local.throttle_alarm_tables, as hcl4j resolves it").isEqualTo(tables);
        assertThat(Terraform.reference(Terraform.at(alarm, "dynamic", "metric_query", "content", "metric",
                "dimensions", "TableName"))).isEqualTo("each.value.table");
        assertThat(Terraform.sourceWithoutWhitespace(ROOT)).contains(Terraform.withoutWhitespace("""
                moved {
                  from = aws_cloudwatch_metric_alarm.dynamodb_throttles
                  to   = aws_cloudwatch_metric_alarm.dynamodb_throttles["tasks"]
                }"""), Terraform.withoutWhitespace(
                "expression = \"SUM([${join(\", \", [for op in each.value.operations : lower(op)])}])\""));
        assertThat(Terraform.sourceWithoutWhitespace(ROOT)).contains(
                Terraform.withoutWhitespace("aws_cloudwatch_metric_alarm.dynamodb_throttles[\"tasks\"].arn,"),
                Terraform.withoutWhitespace("aws_cloudwatch_metric_alarm.dynamodb_throttles[\"idempotency\"].arn,"),
                Terraform.withoutWhitespace("aws_cloudwatch_metric_alarm.dynamodb_throttles[\"lists\"].arn,"));
    }

    @Test
    void eachThrottleAlarmWatchesTheOperationsIamGrantsOnItsTable() {
        Map<String, Object> root = Terraform.module(ROOT);
        Map<String, Object> tables = Terraform.block(root, "locals", "throttle_alarm_tables");

        assertThat(Terraform.reference(Terraform.at(root, "resource", "aws_cloudwatch_metric_alarm", "dynamodb_throttles",
                "dynamic", "metric_query", "for_each"))).isEqualTo("each.value.operations");
        assertThat(Terraform.reference(Terraform.at(tables, "tasks", "operations"))).isEqualTo("local.table_operations");
        assertThat(Terraform.reference(Terraform.at(tables, "idempotency", "operations")))
                .isEqualTo("local.idempotency_table_operations");
        assertThat(new TreeSet<>(Terraform.strings(Terraform.at(root, "locals", "idempotency_table_operations"))))
                .isEqualTo(granted("IdempotencyTable"))
                .isEqualTo(new TreeSet<>(IdempotencyTableSchema.operationsUsed()));
        assertThat(new TreeSet<>(Terraform.strings(Terraform.at(root, "locals", "table_operations"))))
                .isEqualTo(granted("TasksTable")).isEqualTo(new TreeSet<>(TaskTableSchema.operationsUsed()));
        assertThat(Terraform.reference(Terraform.at(tables, "lists", "operations"))).isEqualTo("local.lists_table_operations");
        assertThat(new TreeSet<>(Terraform.strings(Terraform.at(root, "locals", "lists_table_operations"))))
                .isEqualTo(granted("ListsTable")).isEqualTo(new TreeSet<>(ListTableSchema.operationsUsed()));
    }

    /**
     * An alarm on a metric math expression may read at most 10 metrics, a hard limit (CloudWatch User Guide, "Limits
     * that apply to alarms based on metric math expressions"); each table's alarm reads one per operation.
     */
    @Test
    void noThrottleAlarmReadsMoreMetricsThanAMetricMathAlarmMay() {
        Map<String, Object> locals = Terraform.block(Terraform.module(ROOT), "locals");

        for (String operations : List.of("table_operations", "idempotency_table_operations", "lists_table_operations")) {
            assertThat(Terraform.strings(locals.get(operations))).as(operations).hasSizeBetween(1, 10)
                    .doesNotHaveDuplicates();
        }
    }

    /** The lists table is on the dashboard like the tasks table: its capacity, its throttles and its alarm. */
    @Test
    void theDashboardShowsTheListsTable() {
        List<String> capacity = dashboardWidgets().stream()
                .filter(widget -> "DynamoDB consumed capacity".equals(Terraform.at(widget, "properties", "title")))
                .flatMap(widget -> ((List<?>) Terraform.at(widget, "properties", "metrics")).stream())
                .map(metric -> (List<?>) metric)
                .filter(metric -> metric.size() > 3 && !(metric.get(3) instanceof String)
                        && "aws_dynamodb_table.lists.name".equals(String.valueOf(metric.get(3))))
                .map(metric -> String.valueOf(metric.get(1)))
                .toList();

        assertThat(capacity).containsExactlyInAnyOrder("ConsumedReadCapacityUnits", "ConsumedWriteCapacityUnits");
        // hcl4j cannot evaluate a for over a local of another file, so the throttle rows are compared as source text;
        // the alarm widget's entry is checked with the alarm above.
        assertThat(Terraform.sourceWithoutWhitespace(ROOT)).contains(
                Terraform.withoutWhitespace("lists_table_name = aws_dynamodb_table.lists.name"),
                Terraform.withoutWhitespace("""
                        for op in local.lists_table_operations :
                        ["AWS/DynamoDB", "ThrottledRequests", "TableName", local.lists_table_name, "Operation", op,"""));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    /** The Logs Insights query of the dashboard's log widget, as hcl4j reads it (escapes resolved). */
    private static String coldStartQuery() {
        List<String> queries = dashboardWidgets().stream()
                .map(widget -> Terraform.at(widget, "properties", "query"))
                .filter(String.class::isInstance).map(String.class::cast).toList();
        assertThat(queries).hasSize(1);
        return queries.get(0);
    }

    private static List<Map<String, Object>> dashboardWidgets() {
        return Terraform.blocks(Terraform.at(Terraform.module(ROOT), "locals", "dashboard_widgets"));
    }

    /** The DynamoDB operations the Lambda module's IAM statement {@code sid} grants, without the prefix. */
    private static Set<String> granted(String sid) {
        return Terraform.blocks(Terraform.at(Terraform.module(LAMBDA_MODULE), "data", "aws_iam_policy_document", "this",
                        "statement")).stream()
                .filter(statement -> sid.equals(statement.get("sid")))
                .flatMap(statement -> Terraform.strings(statement.get("actions")).stream())
                .filter(action -> action.startsWith("dynamodb:"))
                .map(action -> action.substring("dynamodb:".length()))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
