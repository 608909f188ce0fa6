package io.taskapi.memory;

import static io.taskapi.domain.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskapi.domain.Task;
import io.taskapi.domain.TaskPriority;
import io.taskapi.domain.TaskStatus;
import io.taskapi.domain.UserId;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Checks that records come back from their bytes equal to what was encoded, and that unknown types are refused. */
class RecordCodecTest {
    /** A record whose only rule is its constructor's. */
    record Positive(long value) {
        Positive {
            if (value < 1) {
                throw new IllegalArgumentException("value must be positive");
            }
        }
    }

    /** A record with a component the codec has no encoding for. */
    record Measured(double weight) {
    }

    /** A record whose constructor fails with an error, not an exception. */
    record Failing(long value) {
        Failing {
            if (value == 0) {
                throw new AssertionError("zero");
            }
        }
    }

    @Test
    void aTaskWithEveryFieldSetComesBackEqual() {
        Task task = aTask().withText("Ship the release ✓ 𝄞").withStatus(TaskStatus.IN_PROGRESS)
                .withPriority(TaskPriority.HIGH).withVersion(7).withDescription("with notes, ünïcödé")
                .due(LocalDate.of(2027, 2, 28)).withTags("release", "ops").inList("list-1")
                .assignedTo(new UserId("ann")).build();

        assertThat(roundTrip(task)).isEqualTo(task);
    }

    @Test
    void aTaskWithNoOptionalFieldComesBackEqual() {
        Task task = aTask().build();

        Task decoded = roundTrip(task);

        assertThat(decoded).isEqualTo(task);
        assertThat(decoded.description()).isEmpty();
        assertThat(decoded.tags()).isEmpty();
    }

    @Test
    void whatIsKeptOfATaskComesBackWithItsCreator() {
        InMemoryTaskRepository.Kept kept = new InMemoryTaskRepository.Kept(aTask().withTags("a").build(),
                Optional.of(new UserId("bob")));

        RecordCodec<InMemoryTaskRepository.Kept> codec = new RecordCodec<>(InMemoryTaskRepository.Kept.class);
        ByteBuffer bytes = ByteBuffer.wrap(codec.encode(kept));

        assertThat(codec.decode(bytes)).isEqualTo(kept);
        assertThat(bytes.remaining()).isZero();
    }

    @Test
    void recordsWrittenOneAfterAnotherAreReadInTurn() {
        RecordCodec<Positive> codec = new RecordCodec<>(Positive.class);
        byte[] first = codec.encode(new Positive(3));
        byte[] second = codec.encode(new Positive(Long.MAX_VALUE));
        ByteBuffer both = ByteBuffer.allocate(first.length + second.length).put(first).put(second).flip();

        assertThat(codec.decode(both)).isEqualTo(new Positive(3));
        assertThat(codec.decode(both)).isEqualTo(new Positive(Long.MAX_VALUE));
        assertThat(both.hasRemaining()).isFalse();
    }

    @Test
    void aDecodedRecordKeepsItsConstructorsRulesAndItsException() {
        ByteBuffer zero = ByteBuffer.allocate(Long.BYTES).putLong(0, 0);

        assertThatThrownBy(() -> new RecordCodec<>(Positive.class).decode(zero))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("value must be positive");
    }

    @Test
    void anErrorInAConstructorIsRethrownAsItIs() {
        ByteBuffer zero = ByteBuffer.allocate(Long.BYTES).putLong(0, 0);

        assertThatThrownBy(() -> new RecordCodec<>(Failing.class).decode(zero))
                .isExactlyInstanceOf(AssertionError.class)
                .hasMessage("zero");
    }

    @Test
    void aRecordWithAComponentOfAnUnknownTypeIsRefusedByName() {
        assertThatThrownBy(() -> new RecordCodec<>(Measured.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Measured.weight").hasMessageContaining("double");
    }

    private static Task roundTrip(Task task) {
        RecordCodec<Task> codec = new RecordCodec<>(Task.class);
        return codec.decode(ByteBuffer.wrap(codec.encode(task)));
    }
}
