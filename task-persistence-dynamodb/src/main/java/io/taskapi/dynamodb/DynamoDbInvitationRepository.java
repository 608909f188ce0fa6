package io.taskapi.dynamodb;

import static io.taskapi.dynamodb.AttributeValues.n;
import static io.taskapi.dynamodb.AttributeValues.s;

import io.taskapi.domain.Invitation;
import io.taskapi.domain.InvitationRepository;
import io.taskapi.domain.TaskAlreadyExistsException;
import io.taskapi.domain.UserId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * The {@link InvitationRepository} on the lists table ({@link ListTableSchema}): one item per invitation, keyed by the
 * SHA-256 digest of its code (never the code), claimed with one conditional {@code UpdateItem}, so of concurrent claims
 * exactly one user wins, and that user may claim it again (a retry).
 *
 * <p>Expired invitations are refused when claimed; DynamoDB's time to live on {@code expires_at} deletes them later.
 * Engines without time to live (dynalite) keep them, which changes nothing but storage.
 */
final class DynamoDbInvitationRepository implements InvitationRepository {
    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");

    private final DynamoDbClient client;
    private final String tableName;

    /** A repository on {@code tableName}; the store facade has checked the name. */
    DynamoDbInvitationRepository(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public void create(Invitation invitation) {
        boolean created = DynamoDbErrors.conditionHeld(() -> client.putItem(r -> r
                .tableName(tableName)
                .item(ListItemMapper.invitationItem(invitation))
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", ListTableSchema.PK))));
        // A failed condition is another invitation with this digest, unless the SDK retried our write and met it.
        if (!created && !find(invitation.codeDigest()).filter(invitation::equals).isPresent()) {
            throw new TaskAlreadyExistsException();
        }
    }

    @Override
    public Optional<Invitation> find(String codeDigest) {
        if (codeDigest == null || !DIGEST.matcher(codeDigest).matches()) {
            return Optional.empty();
        }
        GetItemResponse response = DynamoDbErrors.call(() -> client.getItem(r -> r
                .tableName(tableName).key(ListItemMapper.invitationKey(codeDigest)).consistentRead(true)));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(ListItemMapper.toInvitation(response.item())) : Optional.empty();
    }

    /**
     * {@inheritDoc}
     *
     * <p>One {@code UpdateItem} that sets {@code used_by} on the condition that the invitation exists, is unused or
     * already the user's, and has not expired at {@code now}.
     */
    @Override
    public boolean claim(String codeDigest, UserId user, long now) {
        if (codeDigest == null || !DIGEST.matcher(codeDigest).matches()) {
            return false;
        }
        return DynamoDbErrors.conditionHeld(() -> client.updateItem(r -> r
                .tableName(tableName)
                .key(ListItemMapper.invitationKey(codeDigest))
                .conditionExpression("attribute_exists(#pk) AND (attribute_not_exists(#usedBy) OR #usedBy = :me)"
                        + " AND #expires > :now")
                .updateExpression("SET #usedBy = :me")
                .expressionAttributeNames(Map.of("#pk", ListTableSchema.PK, "#usedBy", ListTableSchema.USED_BY,
                        "#expires", ListTableSchema.EXPIRES_AT))
                .expressionAttributeValues(Map.of(":me", s(user.value()), ":now", n(now)))));
    }
}
