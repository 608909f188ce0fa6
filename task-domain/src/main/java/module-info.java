/** The tasks, the shared lists and their rules, the use cases and ports, and the in-memory repositories. */
module io.taskapi.domain {
    exports io.taskapi;
    exports io.taskapi.domain;
    exports io.taskapi.memory;
}
