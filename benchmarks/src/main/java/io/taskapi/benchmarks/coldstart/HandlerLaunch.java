package io.taskapi.benchmarks.coldstart;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One cold start of the packaged Lambda handler, as the runtime does it: load {@code io.taskapi.lambda.TaskHandler} by
 * name, call its public no-arg constructor (the init phase), then hand it one API Gateway {@code GET /tasks/{id}} event
 * (the first invocation). Runs on the extracted zip's classpath; nothing of the benchmarks module but this package.
 *
 * <p>Arguments: the task id to read; optionally {@code primed}, to run the handler's SnapStart priming (its
 * {@code beforeCheckpoint}) between init and the first request, as a snapshot taken after priming would have it.
 */
public final class HandlerLaunch {
    private HandlerLaunch() {
    }

    /** The API Gateway REST API event of {@code GET /tasks/{id}} every cold start answers. */
    public static String event(String id) {
        return "{\"resource\":\"/tasks/{id}\",\"path\":\"/tasks/" + id + "\",\"httpMethod\":\"GET\","
                + "\"headers\":{\"Accept\":\"application/json\",\"Host\":\"api.example.com\"},"
                + "\"multiValueHeaders\":{\"Accept\":[\"application/json\"],\"Host\":[\"api.example.com\"]},"
                + "\"queryStringParameters\":null,\"multiValueQueryStringParameters\":null,"
                + "\"pathParameters\":{\"id\":\"" + id + "\"},\"stageVariables\":null,"
                + "\"requestContext\":{\"resourcePath\":\"/tasks/{id}\",\"httpMethod\":\"GET\",\"path\":\"/prod/tasks/"
                + id + "\",\"stage\":\"prod\",\"requestId\":\"c6af9ac6-7b61-11e6-9a41-93e8deadbeef\"},"
                + "\"body\":null,\"isBase64Encoded\":false}";
    }

    public static void main(String[] args) throws Exception {
        Markers.mark("MAIN");
        String id = args[0];
        boolean primed = args.length > 1 && args[1].equals("primed");
        byte[] event = event(id).getBytes(StandardCharsets.UTF_8);

        Class<?> type = Class.forName("io.taskapi.lambda.TaskHandler");
        RequestStreamHandler handler = (RequestStreamHandler) type.getConstructor().newInstance();
        Markers.mark("INIT");
        if (primed) {
            // The SnapStart hook; the runtime calls it with its own context, the handler ignores it.
            type.getMethod("beforeCheckpoint", org.crac.Context.class).invoke(handler, (Object) null);
            Markers.mark("PRIMED");
        }
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), result, new FixedContext());
        String answer = result.toString(StandardCharsets.UTF_8);
        Markers.mark("RESPONSE", answer.contains("\"statusCode\":200") ? "200" : "unexpected:" + answer);
        Markers.memory();
    }

    /** The few things a runtime context answers. */
    private static final class FixedContext implements Context {
        @Override
        public String getAwsRequestId() {
            return "5b1b5b8e-0000-4000-8000-000000000001";
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/task-api";
        }

        @Override
        public String getLogStreamName() {
            return "local";
        }

        @Override
        public String getFunctionName() {
            return "task-api";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:task-api";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 10_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 256;
        }

        @Override
        public LambdaLogger getLogger() {
            return null;
        }
    }
}
