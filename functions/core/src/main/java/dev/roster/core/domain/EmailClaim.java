package dev.roster.core.domain;

/**
 * What an email address currently is within one org: invited (by exactly one pending invitation) or a member.
 * One item per (org, email) makes "one pending invitation per email" and "already a member" a key lookup and a
 * transaction condition rather than a query.
 */
public record EmailClaim(String orgId, EmailAddress email, State state, String invitationId, String userId) {

    public enum State { INVITED, MEMBER }

    public static EmailClaim invited(String orgId, EmailAddress email, String invitationId) {
        return new EmailClaim(orgId, email, State.INVITED, invitationId, null);
    }

    public static EmailClaim member(String orgId, EmailAddress email, String userId) {
        return new EmailClaim(orgId, email, State.MEMBER, null, userId);
    }
}
