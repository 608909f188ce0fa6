package io.taskapi.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.domain.Attachment;
import io.taskapi.domain.AttachmentStatus;
import io.taskapi.domain.UserId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Proves the layout of an attachment's item in its task's slots, both ways, and the shapes of slots and positions. */
class AttachmentItemMapperTest {
    private static final String TASK_ID = "0190a5c2-7d3e-7f00-8000-0000000000a7";
    private static final String ATTACHMENT_ID = "0190a5c2-7d3e-7f00-8000-0000000000f1";
    private static final long T0 = 1_800_000_000L;
    private static final Attachment PENDING = new Attachment(ATTACHMENT_ID, TASK_ID, "Q3 plan (final).pdf",
            "application/pdf", 1_234_567, AttachmentStatus.PENDING, T0, new UserId("user:ann"));

    @Test
    void aPendingAttachmentIsStoredInItsSlotWithAnExpiryAndReadsBackAsTheSame() {
        Map<String, AttributeValue> item = AttachmentItemMapper.toItem(PENDING, "slot#07");

        assertThat(item).containsOnlyKeys("owner", "id", "attachment_id", "filename", "content_type", "size",
                "status", "created_at", "uploaded_by", "expires_at");
        assertThat(item.get("owner").s()).isEqualTo("attachments:" + TASK_ID);
        assertThat(item.get("id").s()).isEqualTo("slot#07");
        assertThat(item.get("attachment_id").s()).isEqualTo(ATTACHMENT_ID);
        assertThat(item.get("filename").s()).isEqualTo("Q3 plan (final).pdf");
        assertThat(item.get("content_type").s()).isEqualTo("application/pdf");
        assertThat(item.get("size").n()).isEqualTo("1234567");
        assertThat(item.get("status").s()).isEqualTo("pending");
        assertThat(item.get("created_at").n()).isEqualTo(Long.toString(T0));
        assertThat(item.get("uploaded_by").s()).isEqualTo("user:ann");
        assertThat(item.get("expires_at").n()).isEqualTo(Long.toString(T0 + 86_400));
        assertThat(AttachmentItemMapper.toAttachment(item)).isEqualTo(PENDING);
        assertThat(AttachmentItemMapper.slot(item)).isEqualTo(7);
        assertThat(AttachmentItemMapper.attachmentId(item)).isEqualTo(ATTACHMENT_ID);
        assertThat(AttachmentItemMapper.keyOf(item)).isEqualTo(AttachmentItemMapper.slotKey(TASK_ID, "slot#07"));
    }

    @Test
    void anAvailableAttachmentHasNoExpiry() {
        Map<String, AttributeValue> item = AttachmentItemMapper.toItem(PENDING.available(), "slot#00");

        assertThat(item).doesNotContainKey("expires_at");
        assertThat(item.get("status").s()).isEqualTo("available");
        assertThat(AttachmentItemMapper.toAttachment(item)).isEqualTo(PENDING.available());
    }

    @Test
    void slotsArePaddedToTheWidthOfTheHighestSoThatTheySortInOrder() {
        assertThat(AttachmentItemMapper.slotId(0, 20)).isEqualTo("slot#00");
        assertThat(AttachmentItemMapper.slotId(19, 20)).isEqualTo("slot#19");
        assertThat(AttachmentItemMapper.slotId(9, 10)).isEqualTo("slot#9");
        assertThat(AttachmentItemMapper.slotId(0, 1)).isEqualTo("slot#0");
        assertThat(AttachmentItemMapper.slotId(42, 101)).isEqualTo("slot#042");
        assertThatThrownBy(() -> AttachmentItemMapper.slotId(20, 20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AttachmentItemMapper.slotId(-1, 20)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSlotIsReadWhateverTheWidthItWasWrittenWith() {
        for (String slot : new String[] {"slot#5", "slot#05", "slot#005"}) {
            assertThat(AttachmentItemMapper.slot(AttachmentItemMapper.toItem(PENDING, slot))).as(slot).isEqualTo(5);
        }
    }

    @Test
    void onlyAnAttachmentIdIsAPosition() {
        AttachmentItemMapper.requirePosition(ATTACHMENT_ID);
        for (String malformed : new String[] {"", "slot#03", "3", ATTACHMENT_ID + "x", "not-an-id"}) {
            assertThatThrownBy(() -> AttachmentItemMapper.requirePosition(malformed)).as(malformed)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aTaskIdThatCannotBeAKeyNamesNoPartition() {
        assertThat(AttachmentItemMapper.isStorableTaskId(TASK_ID)).isTrue();
        assertThat(AttachmentItemMapper.isStorableTaskId("")).isFalse();
        assertThat(AttachmentItemMapper.isStorableTaskId(null)).isFalse();
        assertThat(AttachmentItemMapper.isStorableTaskId("x".repeat(2048))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"owner", "id", "attachment_id", "filename", "content_type", "size", "status",
            "created_at", "uploaded_by"})
    void anItemMissingAnAttributeIsRefusedWithoutItsContent(String attribute) {
        Map<String, AttributeValue> item = new HashMap<>(AttachmentItemMapper.toItem(PENDING, "slot#03"));
        item.remove(attribute);

        assertThatThrownBy(() -> AttachmentItemMapper.toAttachment(item))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(attribute)
                .hasMessageNotContaining("Q3 plan")
                .hasMessageNotContaining("user:ann");
    }

    @Test
    void anItemBreakingTheRulesIsRefusedWithoutItsContent() {
        Map<String, AttributeValue> unknownStatus = new HashMap<>(AttachmentItemMapper.toItem(PENDING, "slot#03"));
        unknownStatus.put("status", AttributeValue.fromS("scanning"));
        Map<String, AttributeValue> badName = new HashMap<>(AttachmentItemMapper.toItem(PENDING, "slot#03"));
        badName.put("filename", AttributeValue.fromS("../user:ann/secret"));
        Map<String, AttributeValue> notASlot = new HashMap<>(AttachmentItemMapper.toItem(PENDING, "slot#03"));
        notASlot.put("id", AttributeValue.fromS("c#" + ATTACHMENT_ID));

        assertThatThrownBy(() -> AttachmentItemMapper.toAttachment(unknownStatus))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("status 'scanning'");
        assertThatThrownBy(() -> AttachmentItemMapper.toAttachment(badName))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("user:ann");
        assertThatThrownBy(() -> AttachmentItemMapper.toAttachment(notASlot))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("slot key");
    }
}
