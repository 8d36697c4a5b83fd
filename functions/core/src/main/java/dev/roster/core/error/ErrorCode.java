package dev.roster.core.error;

/**
 * Every error a client can see: a stable code to switch on, the HTTP status it maps to, and a title. This is the
 * one place that decides how a domain error reaches HTTP.
 */
public enum ErrorCode {
    VALIDATION_FAILED(400, "The request is not valid"),
    MALFORMED_JSON(400, "The request body is not valid JSON"),
    PAYLOAD_TOO_LARGE(400, "The request body is too large"),
    INVALID_CURSOR(400, "The cursor is not valid"),
    INVALID_SIGNATURE(400, "The webhook signature is not valid"),
    /** Below the functions: a request line, header or path that is not well-formed HTTP. */
    MALFORMED_REQUEST(400, "The request could not be read"),
    UNAUTHENTICATED(401, "Sign-in required"),
    PAYMENT_FAILED(402, "The payment was declined"),
    EMAIL_NOT_VERIFIED(403, "The email address is not verified"),
    FORBIDDEN(403, "Not allowed"),
    MEMBER_SUSPENDED(403, "Membership suspended"),
    PLAN_DOES_NOT_ALLOW_INVITES(403, "The plan does not allow invitations"),
    EMAIL_MISMATCH(403, "This invitation is for another email address"),
    CANNOT_CHANGE_SELF(403, "You cannot do this to your own membership"),
    OWNER_PROTECTED(403, "The owner's membership only changes by ownership transfer"),
    ORG_NOT_FOUND(404, "Organization not found"),
    MEMBER_NOT_FOUND(404, "Member not found"),
    INVITATION_NOT_FOUND(404, "Invitation not found"),
    WORKSPACE_NOT_FOUND(404, "Workspace not found"),
    ROUTE_NOT_FOUND(404, "No such route"),
    URI_TOO_LONG(414, "The request URI is too long"),
    HEADERS_TOO_LARGE(431, "The request headers are too large"),
    ALREADY_MEMBER(409, "Already a member"),
    ALREADY_IN_ANOTHER_ORG(409, "Already a member of another organization"),
    MEMBER_NOT_ACTIVE(409, "The member is suspended"),
    WORKSPACE_LIMIT_REACHED(409, "No more workspaces on this plan"),
    SEAT_LIMIT_REACHED(409, "No seats available"),
    INVITATION_NOT_PENDING(409, "The invitation is no longer pending"),
    NEWER_INVITATION_PENDING(409, "A newer invitation to this address is pending"),
    INVITATION_ALREADY_USED(409, "The invitation has already been used"),
    EMAIL_UNDELIVERABLE(409, "The last email to this address bounced or was marked as spam"),
    ALREADY_SUBSCRIBED(409, "The organization already has a subscription"),
    NOT_SUBSCRIBED(409, "The organization has no running subscription"),
    SEATS_IN_USE(409, "More seats are in use than the change leaves"),
    PLAN_HAS_NO_EXTRA_SEATS(409, "The plan has no extra seats"),
    CONCURRENT_MODIFICATION(409, "The resource changed while the request ran; try again"),
    INVITATION_EXPIRED(410, "The invitation has expired"),
    INVITE_RATE_LIMITED(429, "Daily invitation limit reached"),
    RESEND_COOLDOWN(429, "The invitation was sent moments ago"),
    SERVICE_UNAVAILABLE(503, "Temporarily unavailable; try again"),
    BILLING_UNAVAILABLE(503, "The billing provider could not be reached; try again"),
    BILLING_NOT_CONFIGURED(503, "Billing is not configured for this"),
    INTERNAL_ERROR(500, "Internal error");

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
