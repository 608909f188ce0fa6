package io.taskapi.application;

/**
 * JSON text written straight into a {@link StringBuilder}, for the API's response bodies and the log lines.
 *
 * <p>By hand rather than with Gson's {@code JsonWriter}, which the request side still uses to read: writing a 25-task
 * page through it took a third of a list request's time in the handler, most of it in the writer's own bookkeeping
 * (a scope stack, deferred names, one writer call per fragment) rather than in the text. Here the only state is
 * whether the next element needs a comma, which is all that well-nested calls need; nesting itself is the caller's
 * duty. Strings are escaped as RFC 8259 requires, plus U+2028 and U+2029, which JavaScript string literals cannot hold.
 */
public final class JsonText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder text;
    private boolean comma;

    /**
     * Empty text.
     *
     * @param capacity the expected length, so that the text is not copied as it grows
     */
    public JsonText(int capacity) {
        this.text = new StringBuilder(capacity);
    }

    /**
     * Opens an object.
     *
     * @return this text
     */
    public JsonText beginObject() {
        return open('{');
    }

    /**
     * Closes the innermost object.
     *
     * @return this text
     */
    public JsonText endObject() {
        return close('}');
    }

    /**
     * Opens an array.
     *
     * @return this text
     */
    public JsonText beginArray() {
        return open('[');
    }

    /**
     * Closes the innermost array.
     *
     * @return this text
     */
    public JsonText endArray() {
        return close(']');
    }

    private JsonText open(char bracket) {
        separate();
        text.append(bracket);
        comma = false;
        return this;
    }

    private JsonText close(char bracket) {
        text.append(bracket);
        return followed();
    }

    /** After a value or a closed bracket, the next element needs a comma. */
    private JsonText followed() {
        comma = true;
        return this;
    }

    /**
     * The name of the object member whose value comes next. Names are the callers' constants, which need no escaping,
     * so they are not scanned for characters to escape (a fifth of a task's text); tests run with assertions on.
     *
     * @param name the member's name, which needs no escaping
     * @return this text
     */
    public JsonText name(String name) {
        assert isPlain(name) : "a member name must need no escaping";
        separate();
        text.append('"').append(name).append("\":");
        comma = false;
        return this;
    }

    /**
     * The name of the object member whose value comes next, escaped as a string is: for names that are data.
     *
     * @param name the member's name
     * @return this text
     */
    public JsonText escapedName(String name) {
        separate();
        quote(name);
        text.append(':');
        comma = false;
        return this;
    }

    /**
     * A string, or {@code null} for JSON's null.
     *
     * @param value the string, escaped as JSON requires
     * @return this text
     */
    public JsonText value(String value) {
        separate();
        if (value == null) {
            text.append("null");
        } else {
            quote(value);
        }
        return followed();
    }

    /**
     * A number.
     *
     * @param value the number
     * @return this text
     */
    public JsonText value(long value) {
        separate();
        text.append(value);
        return followed();
    }

    /**
     * {@code true} or {@code false}.
     *
     * @param value the boolean
     * @return this text
     */
    public JsonText value(boolean value) {
        return rawValue(value ? "true" : "false");
    }

    /**
     * A value that is JSON text already, written as it is.
     *
     * @param json the JSON text
     * @return this text
     */
    public JsonText rawValue(String json) {
        separate();
        text.append(json);
        return followed();
    }

    @Override
    public String toString() {
        return text.toString();
    }

    /** The text and a newline: one line of a JSON Lines log. */
    String toLine() {
        return text.append('\n').toString();
    }

    private void separate() {
        if (comma) {
            text.append(',');
        }
    }

    private static boolean isPlain(String name) {
        return name.chars().allMatch(c -> c >= 0x20 && c != '"' && c != '\\' && c < 0x7f);
    }

    private void quote(String value) {
        text.append('"');
        int plain = 0;
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && (c < '\u2028' || c > '\u2029')) {
                continue;
            }
            text.append(value, plain, i);
            text.append('\\');
            switch (c) {
                case '"' -> text.append('"');
                case '\\' -> text.append('\\');
                case '\n' -> text.append('n');
                case '\r' -> text.append('r');
                case '\t' -> text.append('t');
                default -> text.append('u').append(HEX[c >> 12]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF])
                        .append(HEX[c & 0xF]);
            }
            plain = i + 1;
        }
        if (plain == 0) {
            // Most strings need no escaping; a whole String is appended with one array copy, where a range of one is
            // copied character by character (on Java 17).
            text.append(value);
        } else {
            text.append(value, plain, length);
        }
        text.append('"');
    }
}
