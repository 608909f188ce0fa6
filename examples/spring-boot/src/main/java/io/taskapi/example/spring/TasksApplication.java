package io.taskapi.example.spring;

import io.taskapi.TaskDomain;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A Spring Boot application that serves the task domain, kept in memory, through its own controller. */
@SpringBootApplication
public class TasksApplication {
    public static void main(String[] args) {
        SpringApplication.run(TasksApplication.class, args);
    }

    /** The domain, assembled once; {@code TaskDomain.builder(store)} would put it on DynamoDB instead. */
    @Bean
    TaskDomain taskDomain() {
        return TaskDomain.inMemory();
    }
}
