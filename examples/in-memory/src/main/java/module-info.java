/** The in-memory example: a program that needs nothing but the task domain. */
module io.taskapi.example.memory {
    requires io.taskapi.domain;
}
