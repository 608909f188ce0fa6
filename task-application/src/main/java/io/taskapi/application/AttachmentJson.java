package io.taskapi.application;

import io.taskapi.domain.Attachment;
import io.taskapi.domain.AttachmentDownload;
import io.taskapi.domain.AttachmentField;
import io.taskapi.domain.AttachmentLimits;
import io.taskapi.domain.AttachmentUpload;
import io.taskapi.domain.DownloadGrant;
import io.taskapi.domain.NewAttachment;
import io.taskapi.domain.Page;
import io.taskapi.domain.UploadGrant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The JSON mapping of attachments: a new attachment's body read as a JSON object of two strings and a number, and
 * attachments with their upload or download written with {@link JsonText} in a fixed order.
 */
final class AttachmentJson {
    /** Each field's name on the wire. */
    private static final Map<AttachmentField, String> NAMES = Map.of(
            AttachmentField.FILENAME, "filename",
            AttachmentField.CONTENT_TYPE, "content_type",
            AttachmentField.SIZE, "size");
    private static final Map<String, AttachmentField> BY_NAME = Map.of(
            "filename", AttachmentField.FILENAME,
            "content_type", AttachmentField.CONTENT_TYPE,
            "size", AttachmentField.SIZE);
    private static final Set<String> SERVER_FIELDS = Set.of("id", "task_id", "status", "created_at", "uploaded_by");
    private static final int CAPACITY = 320;
    /** Digits a size may have: enough for any file a limit allows, few enough to parse without overflow. */
    private static final int MAX_SIZE_DIGITS = 15;

    private AttachmentJson() {
    }

    /** The name of {@code field} on the wire. */
    static String name(AttachmentField field) {
        return NAMES.get(field);
    }

    /**
     * The attachment a body describes, checked against {@code limits}.
     *
     * @throws BadRequestException for a body that is not a JSON object of these members
     */
    static NewAttachment newAttachment(String body, AttachmentLimits limits) {
        Map<AttachmentField, String> values = StringMembers.read(body, BY_NAME, Set.of(AttachmentField.SIZE),
                SERVER_FIELDS, false);
        String size = values.get(AttachmentField.SIZE);
        Long bytes = size == null ? null : size.matches("[0-9]{1," + MAX_SIZE_DIGITS + "}") ? Long.valueOf(size) : -1L;
        return NewAttachment.of(values.get(AttachmentField.FILENAME), values.get(AttachmentField.CONTENT_TYPE), bytes,
                limits);
    }

    static String attachment(Attachment attachment) {
        return write(new JsonText(CAPACITY), attachment).toString();
    }

    static String created(AttachmentUpload created) {
        UploadGrant upload = created.upload();
        JsonText json = new JsonText(CAPACITY * 3).beginObject().name("attachment");
        write(json, created.attachment())
                .name("upload").beginObject()
                .name("url").value(upload.url())
                .name("method").value("PUT")
                .name("headers").beginObject();
        // Sorted, so that the same grant is always written the same way.
        new TreeMap<>(upload.headers()).forEach((header, value) -> json.escapedName(header).value(value));
        return json.endObject()
                .name("expires_at").value(upload.expiresAt())
                .endObject().endObject().toString();
    }

    static String withDownload(AttachmentDownload read) {
        JsonText json = new JsonText(CAPACITY * 3).beginObject().name("attachment");
        write(json, read.attachment()).name("download");
        DownloadGrant download = read.download().orElse(null);
        if (download == null) {
            json.value((String) null);
        } else {
            json.beginObject().name("url").value(download.url()).name("expires_at").value(download.expiresAt())
                    .endObject();
        }
        return json.endObject().toString();
    }

    static String page(Page<Attachment> page) {
        return JsonPages.write(page, CAPACITY, AttachmentJson::write);
    }

    static String deleted(String id) {
        return new JsonText(96).beginObject()
                .name("message").value("Attachment deleted successfully")
                .name("id").value(id)
                .endObject().toString();
    }

    private static JsonText write(JsonText json, Attachment attachment) {
        return json.beginObject()
                .name("id").value(attachment.id())
                .name("task_id").value(attachment.taskId())
                .name(NAMES.get(AttachmentField.FILENAME)).value(attachment.filename())
                .name(NAMES.get(AttachmentField.CONTENT_TYPE)).value(attachment.contentType())
                .name(NAMES.get(AttachmentField.SIZE)).value(attachment.size())
                .name("status").value(attachment.status().value())
                .name("created_at").value(attachment.createdAt())
                .name("uploaded_by").value(attachment.uploadedBy().value())
                .endObject();
    }
}
