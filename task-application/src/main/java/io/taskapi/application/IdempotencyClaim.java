package io.taskapi.application;

import java.util.Objects;

/** What {@link IdempotencyStore#claim} found: the key is now this attempt's, or another record already holds it. */
public sealed interface IdempotencyClaim {

    /** The key is claimed; {@code claimId} identifies this attempt when it completes or releases the key. */
    record Granted(String claimId) implements IdempotencyClaim {
        /**
         * Requires a claim id.
         *
         * @param claimId identifies this attempt
         */
        public Granted {
            Objects.requireNonNull(claimId, "claimId");
        }
    }

    /** The key is held by another attempt, running or finished, described by {@code record}. */
    record Held(IdempotencyRecord record) implements IdempotencyClaim {
        /**
         * Requires a record.
         *
         * @param record the record that holds the key
         */
        public Held {
            Objects.requireNonNull(record, "record");
        }
    }
}
