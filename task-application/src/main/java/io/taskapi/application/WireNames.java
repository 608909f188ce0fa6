package io.taskapi.application;

import io.taskapi.domain.AttachmentField;
import io.taskapi.domain.CommentField;
import io.taskapi.domain.FieldError;
import io.taskapi.domain.ListField;
import io.taskapi.domain.ListingField;
import io.taskapi.domain.TaskField;

/** How an error names its field on the wire: the field's name in the JSON body or the query, and an element's index. */
final class WireNames {
    private WireNames() {
    }

    static String of(FieldError error) {
        String name;
        if (error.field() instanceof TaskField field) {
            name = TaskJson.name(field);
        } else if (error.field() instanceof ListingField field) {
            name = ListingQuery.name(field);
        } else if (error.field() instanceof ListField field) {
            name = ListJson.name(field);
        } else if (error.field() instanceof CommentField field) {
            name = HistoryJson.name(field);
        } else if (error.field() instanceof AttachmentField field) {
            name = AttachmentJson.name(field);
        } else {
            throw new IllegalArgumentException("a field without a wire name: " + error.field());
        }
        return error.index() == FieldError.WHOLE_FIELD ? name : name + "[" + error.index() + "]";
    }
}
