package io.taskapi.lambda.di;

import dagger.BindsInstance;
import dagger.Component;
import io.taskapi.application.RequestLog;
import io.taskapi.application.TaskApi;
import javax.inject.Singleton;

/** The Lambda function's object graph, built once per execution environment. */
@Singleton
@Component(modules = LambdaModule.class)
public interface LambdaComponent {
    TaskApi api();

    /** The function's settings, among them how callers are identified. */
    LambdaConfig config();

    /** The request log, whose cold-start flag is re-armed when a SnapStart snapshot is restored. */
    RequestLog requestLog();

    /** Creates the graph from the function's configuration. */
    @Component.Factory
    interface Factory {
        LambdaComponent create(@BindsInstance LambdaConfig config);
    }
}
