package io.taskapi.application.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What generated clients read from the document beyond its shapes: every integer's size. */
class OpenApiDocumentTest {
    @Test
    void everyIntegerNamesItsSizeAndEpochSecondsAre64Bits() throws IOException {
        List<String> unsized = new ArrayList<>();
        List<String> epochSeconds = new ArrayList<>();
        walk(document(), "#", unsized, epochSeconds);

        assertThat(unsized).as("integers without format int32 or int64").isEmpty();
        assertThat(epochSeconds).as("epoch-seconds fields, which pass 2^31 in 2038")
                .containsExactly("#/components/schemas/Task/properties/created_at int64",
                        "#/components/schemas/Task/properties/updated_at int64",
                        "#/components/schemas/TaskList/properties/created_at int64",
                        "#/components/schemas/TaskList/properties/updated_at int64",
                        "#/components/schemas/Member/properties/joined_at int64",
                        "#/components/schemas/Invitation/properties/expires_at int64",
                        "#/components/schemas/Comment/properties/created_at int64",
                        "#/components/schemas/ActivityEntry/properties/at int64",
                        "#/components/schemas/Attachment/properties/created_at int64",
                        "#/components/schemas/AttachmentUpload/properties/upload/properties/expires_at int64",
                        "#/components/schemas/AttachmentWithDownload/properties/download/properties/expires_at int64");
    }

    private static void walk(JsonElement element, String path, List<String> unsized, List<String> epochSeconds) {
        if (element.isJsonArray()) {
            for (int i = 0; i < element.getAsJsonArray().size(); i++) {
                walk(element.getAsJsonArray().get(i), path + "/" + i, unsized, epochSeconds);
            }
        } else if (element.isJsonObject()) {
            JsonObject object = element.getAsJsonObject();
            if (object.has("type") && object.get("type").isJsonPrimitive()
                    && object.get("type").getAsString().equals("integer")) {
                String format = object.has("format") ? object.get("format").getAsString() : "";
                if (!format.equals("int32") && !format.equals("int64")) {
                    unsized.add(path);
                }
                if (object.has("description") && object.get("description").getAsString().startsWith("Epoch seconds")) {
                    epochSeconds.add(path + " " + format);
                }
            }
            for (Map.Entry<String, JsonElement> member : object.entrySet()) {
                walk(member.getValue(), path + "/" + member.getKey(), unsized, epochSeconds);
            }
        }
    }

    private static JsonElement document() throws IOException {
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/openapi.json")) {
            return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
