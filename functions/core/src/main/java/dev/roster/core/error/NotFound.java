package dev.roster.core.error;

/**
 * The one wording of each "not found" answer. An id refused on sight (it cannot be ours) and an id looked up in
 * vain must answer the same, so neither tells an attacker more than the other.
 */
public final class NotFound {

    private NotFound() {
    }

    /** Also the answer for an org that exists but does not have the caller: no existence leak. */
    public static RosterException org() {
        return new RosterException(ErrorCode.ORG_NOT_FOUND, "No organization with that id has you as a member.");
    }

    public static RosterException member() {
        return new RosterException(ErrorCode.MEMBER_NOT_FOUND, "No member with that id in this organization.");
    }

    public static RosterException invitation() {
        return new RosterException(ErrorCode.INVITATION_NOT_FOUND, "No invitation with that id in this organization.");
    }

    /** Unknown, revoked, superseded and impossible tokens alike. */
    public static RosterException invitationLink() {
        return new RosterException(ErrorCode.INVITATION_NOT_FOUND, "This invitation link is not valid. Ask for a new invitation.");
    }

    public static RosterException workspace() {
        return new RosterException(ErrorCode.WORKSPACE_NOT_FOUND, "No workspace with that id in this organization.");
    }
}
