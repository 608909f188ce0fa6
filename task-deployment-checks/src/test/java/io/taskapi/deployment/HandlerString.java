package io.taskapi.deployment;

import java.util.Map;

/**
 * A Lambda Java handler string, {@code package.Class::method} or {@code package.Class} (the method then defaults to
 * {@code handleRequest}), as Terraform names it.
 *
 * @param value     the string as written
 * @param className the binary name of the handler class
 * @param method    the handler method's name
 */
public record HandlerString(String value, String className, String method) {
    private static final String JAVA_NAME = "[A-Za-z_$][A-Za-z0-9_$]*";

    /** Parses a handler string; fails on anything Lambda's Java runtime would reject as malformed. */
    public static HandlerString parse(String value) {
        if (value == null || !value.matches(JAVA_NAME + "(\\." + JAVA_NAME + ")*(::" + JAVA_NAME + ")?")) {
            throw new AssertionError("not a Java handler string: " + value);
        }
        int separator = value.indexOf("::");
        return separator < 0
                ? new HandlerString(value, value, "handleRequest")
                : new HandlerString(value, value.substring(0, separator), value.substring(separator + 2));
    }

    /** The handler the root module defines once, as {@code local.handler}. */
    public static HandlerString fromTerraform() {
        Map<String, Object> root = Terraform.module(Repository.infrastructure());
        Object handler = Terraform.at(root, "locals", "handler");
        if (!(handler instanceof String text)) {
            throw new AssertionError("infrastructure/ defines no literal local.handler (found " + handler + ")");
        }
        return parse(text);
    }

    @Override
    public String toString() {
        return value;
    }
}
