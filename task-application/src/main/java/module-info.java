/** The application's core, which every front door wraps: the HTTP-neutral API, its JSON, and the stores' ports. */
module io.taskapi.application {
    requires transitive io.taskapi.domain;
    requires com.google.gson;

    exports io.taskapi.application;
}
