package dev.roster.core.store;

import dev.roster.core.domain.EmailAddress;
import dev.roster.core.domain.InvitationStatus;
import dev.roster.core.domain.Times;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Locale;
import java.time.LocalDate;
import java.util.Map;

/**
 * Every key format of the table, and nothing else. See docs/table-design.md for the access pattern each serves.
 */
public final class Keys {

    public static final String PK = "PK";
    public static final String SK = "SK";
    public static final String GSI1 = "GSI1";
    public static final String GSI1PK = "GSI1PK";
    public static final String GSI1SK = "GSI1SK";
    public static final String GSI2 = "GSI2";
    public static final String GSI2PK = "GSI2PK";
    public static final String GSI2SK = "GSI2SK";
    public static final String GSI3 = "GSI3";
    public static final String GSI3PK = "GSI3PK";
    public static final String GSI3SK = "GSI3SK";
    /** The table's TTL attribute, epoch seconds. */
    public static final String TTL = "ttl";
    private static final char NAME_SEPARATOR = '\u0001';

    static final String ORG_PREFIX = "ORG#";
    static final String ORG_SK = "ORG";
    static final String MEMBER_PREFIX = "MEMBER#";
    static final String INVITATION_PREFIX = "INVITATION#";
    static final String EMAIL_PREFIX = "EMAIL#";
    static final String WORKSPACE_PREFIX = "WORKSPACE#";
    static final String AUDIT_PREFIX = "AUDIT#";
    static final String INVITES_PREFIX = "INVITES#";
    static final String PURCHASE_PREFIX = "PURCHASE#";
    static final String PROFILE_SK = "PROFILE";
    /** Under the one-organization-per-user policy, the item naming a user's one org. */
    static final String SOLE_ORG_SK = "SOLE_ORG";
    static final String TOKEN_SK = "INVITATION";
    static final String STRIPE_EVENT_SK = "STRIPE_EVENT";
    /** The one partition of the sparse expiry index: only PENDING invitations carry it. */
    static final String EXPIRY_PK = "INVITATION_EXPIRY";
    /** The partition of GSI3 holding ACTIVE members whose access ends at a set time. */
    static final String ACCESS_EXPIRY_PK = "ACCESS_EXPIRY";

    private Keys() {
    }

    /** The primary key of the item at {@code pk}, {@code sk}. */
    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }

    public static String org(String orgId) {
        return ORG_PREFIX + orgId;
    }

    public static String member(String userId) {
        return MEMBER_PREFIX + userId;
    }

    public static String invitation(String invitationId) {
        return INVITATION_PREFIX + invitationId;
    }

    public static String emailClaim(EmailAddress email) {
        return EMAIL_PREFIX + email.value();
    }

    public static String workspace(String workspaceId) {
        return WORKSPACE_PREFIX + workspaceId;
    }

    public static String audit(Instant time, String auditId) {
        return AUDIT_PREFIX + Times.format(time) + "#" + auditId;
    }

    /** Every audit sort key at or after {@code time} sorts at or above this. */
    public static String auditFrom(Instant time) {
        return AUDIT_PREFIX + Times.format(time);
    }

    /** Every audit sort key at or before {@code time} sorts at or below this. */
    public static String auditTo(Instant time) {
        return AUDIT_PREFIX + Times.format(time) + "#~";
    }

    /** A plan bought once, in its org's partition, by the payment that bought it. */
    public static String purchase(String paymentId) {
        return PURCHASE_PREFIX + paymentId;
    }

    public static String inviteCounter(LocalDate day) {
        return INVITES_PREFIX + day;
    }

    public static String user(String userId) {
        return "USER#" + userId;
    }

    public static String userEmail(EmailAddress email) {
        return "EMAIL#" + email.value();
    }

    /** A Stripe event already handled: its own partition, so the record is one conditional put by id. */
    public static String stripeEvent(String eventId) {
        return "STRIPE_EVENT#" + eventId;
    }

    public static String token(String tokenHash) {
        return "TOKEN#" + tokenHash;
    }

    public static String invitationsByStatus(String orgId, InvitationStatus status) {
        return org(orgId) + "#INVITATIONS#" + status.name();
    }

    /** The members of an org on GSI2, in the order the members list answers them. */
    public static String membersByName(String orgId) {
        return org(orgId) + "#MEMBERS";
    }

    /**
     * Orders members by name, then email (both case-folded; no name sorts first), the user id last so the key is
     * unique. The separator sorts below every printable character, so "Ann" comes before "Anna".
     */
    public static String memberByName(String name, EmailAddress email, String userId) {
        String folded = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return folded + NAME_SEPARATOR + email.value() + NAME_SEPARATOR + userId;
    }

    public static String invitationByCreation(Instant createdAt, String invitationId) {
        return Times.format(createdAt) + "#" + invitationId;
    }

    /** Every expiry sort key of an invitation due at or before {@code now} sorts below this. */
    public static String expiryBound(Instant now) {
        return Times.format(now) + "#~";
    }

    public static String expirySortKey(Instant expiresAt, String orgId, String invitationId) {
        return Times.format(expiresAt) + "#" + orgId + "#" + invitationId;
    }

    public static String accessExpirySortKey(Instant accessExpiresAt, String orgId, String userId) {
        return Times.format(accessExpiresAt) + "#" + orgId + "#" + userId;
    }
}
