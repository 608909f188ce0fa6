package io.taskapi.application;

import io.taskapi.domain.Page;
import java.util.function.BiConsumer;

/** A page of a listing as every listing writes it: its items, their count and the next page's token. */
final class JsonPages {
    private JsonPages() {
    }

    /**
     * The page's JSON.
     *
     * @param itemCapacity room for a typical item's JSON, so that the text is not copied as it grows
     * @param write        writes one item
     */
    static <T> String write(Page<T> page, int itemCapacity, BiConsumer<JsonText, T> write) {
        JsonText json = new JsonText(64 + itemCapacity * page.items().size()).beginObject().name("items").beginArray();
        for (T item : page.items()) {
            write.accept(json, item);
        }
        return json.endArray().name("count").value(page.items().size())
                .name("next").value(page.next().orElse(null))
                .endObject().toString();
    }
}
