package dev.roster.core.store;

/**
 * The name of every item attribute that is not a key ({@link Keys} names those). The mapper writes and reads items
 * with these; the store's expressions refer to attributes only through placeholders bound to these, so renaming one
 * here renames it in every item and every condition at once.
 */
final class Attributes {

    static final String TYPE = "type";
    static final String ID = "id";
    static final String NAME = "name";
    static final String ORG_ID = "orgId";
    static final String ORG_NAME = "orgName";
    static final String USER_ID = "userId";
    static final String EMAIL = "email";
    static final String ROLE = "role";
    static final String PERMISSIONS = "permissions";
    static final String WORKSPACE_IDS = "workspaceIds";
    static final String STATUS = "status";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";
    static final String INVITED_BY = "invitedBy";
    /** Bumped by every replace of a member or invitation; a conditional write names the version it read. */
    static final String VERSION = "version";

    // org
    static final String PLAN = "plan";
    static final String EXTRA_SEATS = "extraSeats";
    static final String SEAT_LIMIT = "seatLimit";
    static final String SEATS_USED = "seatsUsed";
    static final String PENDING_INVITATIONS = "pendingInvitations";
    static final String BILLING_STATUS = "billingStatus";
    static final String STRIPE_CUSTOMER_ID = "stripeCustomerId";
    static final String STRIPE_SUBSCRIPTION_ID = "stripeSubscriptionId";
    static final String BILLING_SYNCED_AT = "billingSyncedAt";
    /** What the org's plan is held by: SUBSCRIPTION, ONE_TIME or DEFAULT. */
    static final String PLAN_SOURCE = "planSource";
    /** The plan sold once that the org holds, and the payment it holds it by. */
    static final String ONE_TIME_PLAN = "oneTimePlan";
    static final String ONE_TIME_PAYMENT_ID = "oneTimePaymentId";
    static final String OWNER_ID = "ownerId";
    static final String WORKSPACE_COUNT = "workspaceCount";

    // member
    static final String JOINED_AT = "joinedAt";
    static final String LAST_SEEN_AT = "lastSeenAt";
    static final String ACCESS_EXPIRES_AT = "accessExpiresAt";

    // invitation
    static final String INVITED_BY_NAME = "invitedByName";
    static final String INVITER_EMAIL = "inviterEmail";
    static final String EXPIRES_AT = "expiresAt";
    static final String LAST_SENT_AT = "lastSentAt";
    static final String TOKEN_HASH = "tokenHash";
    static final String EMAIL_STATUS = "emailStatus";
    static final String DECIDED_BY = "decidedBy";
    static final String DECIDED_AT = "decidedAt";

    // email claim
    static final String STATE = "state";
    static final String INVITATION_ID = "invitationId";
    /** The invitation or user a claim points at, as one attribute so one condition can compare either. */
    static final String REF = "ref";

    // audit entry
    static final String TIME = "time";
    static final String ACTOR = "actor";
    static final String ACTION = "action";
    static final String TARGET = "target";
    static final String BEFORE = "before";
    static final String AFTER = "after";
    static final String REQUEST_ID = "requestId";

    // Stripe event seen
    static final String EVENT_ID = "eventId";
    static final String EVENT_TYPE = "eventType";
    static final String RECEIVED_AT = "receivedAt";

    // one-time purchase
    static final String PAYMENT_ID = "paymentId";
    static final String PAID_AT = "paidAt";
    static final String REFUNDED_AT = "refundedAt";

    /** The daily invitation counter's count. */
    static final String INVITES = "invites";

    private Attributes() {
    }
}
