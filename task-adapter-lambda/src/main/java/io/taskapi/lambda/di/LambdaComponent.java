package io.taskapi.lambda.di;

import dagger.BindsInstance;
import dagger.Component;
import io.taskapi.application.TaskApplication;
import javax.inject.Singleton;

/** The Lambda function's object graph, built once per execution environment. */
@Singleton
@Component(modules = LambdaModule.class)
public interface LambdaComponent {
    /** The application on the function's store. */
    TaskApplication application();

    /** The function's settings, among them how callers are identified. */
    LambdaSettings settings();

    /** Creates the graph from the function's settings. */
    @Component.Factory
    interface Factory {
        LambdaComponent create(@BindsInstance LambdaSettings settings);
    }
}
