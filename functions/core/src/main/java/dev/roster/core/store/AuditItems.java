package dev.roster.core.store;

import dev.roster.core.domain.AuditEntry;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.Optional;

/** Reads audit entries from item images outside the store, as the table's stream delivers them. */
public final class AuditItems {

    private AuditItems() {
    }

    /** The audit entry an item image holds, or empty when the image is some other item type. */
    public static Optional<AuditEntry> fromImage(Map<String, AttributeValue> image) {
        AttributeValue type = image.get(Attributes.TYPE);
        if (type == null || !ItemMapper.AUDIT_TYPE.equals(type.s())) {
            return Optional.empty();
        }
        return Optional.of(ItemMapper.audit(image));
    }
}
