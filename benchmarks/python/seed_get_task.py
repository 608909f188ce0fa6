"""The seed's cold path, as a baseline for the Java handler's cold start (scripts/benchmark.sh, coldstart-python).

The project replaces a Python 3.11 Lambda function (boto3, DynamoDB table with `id` as its only key, API Gateway
proxy integration; see the seed's README). On a cold `GET /tasks/{id}` that function's process does, in order:

1. start the interpreter (Lambda's own bootstrap is not counted, as the Java side's runtime client is not either);
2. import its handler module, whose top level runs `import boto3` and builds the table resource from the environment
   (`boto3.resource("dynamodb")`, `.Table(os.environ["TABLE_NAME"])`): the init phase;
3. handle the event: one GetItem by `id`, then the answer as the seed's `utils/response.py` writes it: a proxy result
   with CORS headers whose body is `json.dumps` of the item, DynamoDB's Decimal numbers turned into int (or float).

This script does exactly that in one process and prints the milestones the benchmark driver timestamps as they
arrive (`@@MAIN`, `@@INIT`, `@@RESPONSE 200`, then `@@MEMORY ...` with the process's CPU time and peak RSS), the same
lines as the Java programs in io.taskapi.benchmarks.coldstart print. The region, credentials and endpoint come from
the environment the driver sets, as boto3 reads them on Lambda (`AWS_DEFAULT_REGION`, `AWS_ACCESS_KEY_ID` ...,
`AWS_ENDPOINT_URL_DYNAMODB` for the local dynalite). Usage: `python3 seed_get_task.py TASK_ID`; table `TABLE_NAME`.
"""
import sys

print("@@MAIN", flush=True)

import decimal  # noqa: E402  (the timed milestones come first on purpose)
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402

import boto3  # noqa: E402

dynamodb = boto3.resource("dynamodb")
table = dynamodb.Table(os.environ["TABLE_NAME"])
print("@@INIT", flush=True)

HEADERS = {
    "Content-Type": "application/json",
    "Access-Control-Allow-Origin": os.environ.get("CORS_ORIGIN", "*"),
    "Access-Control-Allow-Headers": "Content-Type,Authorization",
    "Access-Control-Allow-Methods": "OPTIONS,GET,POST,PUT,DELETE",
}


def _number(value):
    if isinstance(value, decimal.Decimal):
        return int(value) if value == int(value) else float(value)
    raise TypeError(f"Object of type {type(value)} is not JSON serializable")


def answer(status, body):
    return {"statusCode": status, "headers": dict(HEADERS), "body": json.dumps(body, default=_number)}


def get_task(task_id):
    item = table.get_item(Key={"id": task_id}).get("Item")
    if item is None:
        return answer(404, {"message": "Task not found"})
    return answer(200, item)


result = get_task(sys.argv[1])
# The proxy result as the runtime would serialize it back to API Gateway.
text = json.dumps(result)
ok = result["statusCode"] == 200 and sys.argv[1] in result["body"]
print("@@RESPONSE", "200" if ok else "unexpected:" + text, flush=True)

usage = resource.getrusage(resource.RUSAGE_SELF)
print(f"@@MEMORY vmhwm_kb={usage.ru_maxrss} cpu_us={int((usage.ru_utime + usage.ru_stime) * 1e6)}", flush=True)
