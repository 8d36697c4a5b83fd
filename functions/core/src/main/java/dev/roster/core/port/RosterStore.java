package dev.roster.core.port;

import dev.roster.core.domain.AuditEntry;
import dev.roster.core.domain.EmailAddress;
import dev.roster.core.domain.Invitation;
import dev.roster.core.domain.UserProfile;
import dev.roster.core.domain.InvitationStatus;
import dev.roster.core.domain.Member;
import dev.roster.core.domain.Workspace;

import java.util.List;
import java.util.Optional;

/** The table. Every read here is one request to the store; {@link #commit} is one atomic write. */
public interface RosterStore {

    /** One batch read of the org, the caller's membership and the extras the request names. */
    Snapshot load(Snapshot.Request request);

    Optional<Member> member(String orgId, String userId);

    Optional<Invitation> invitationByTokenHash(String tokenHash);

    /** One GetItem. */
    Optional<Invitation> invitation(String orgId, String invitationId);

    /** Members of an org in user-id order; {@code status} null means every status. */
    Page<Member> members(String orgId, String status, String cursor, int limit);

    /** Invitations of an org newest first; {@code status} null means every status. */
    Page<Invitation> invitations(String orgId, InvitationStatus status, String cursor, int limit);

    /** Pending invitations whose expiry is at or before {@code now}, earliest first, from the sparse expiry index. */
    Page<Invitation> dueInvitations(java.time.Instant now, String cursor, int limit);

    /** ACTIVE members whose access ends at or before {@code now}, earliest first, from the sparse expiry index. */
    Page<Member> dueAccessExpiries(java.time.Instant now, String cursor, int limit);

    /** Workspaces of an org in id (creation) order. */
    Page<Workspace> workspaces(String orgId, String cursor, int limit);

    /** Every member of the org whose grants include {@code workspaceId}. */
    List<Member> membersGranted(String orgId, String workspaceId);

    /** Every pending invitation of the org whose grants include {@code workspaceId}. */
    List<Invitation> pendingInvitationsGranting(String orgId, String workspaceId);

    /**
     * Records that the member was seen at {@code at}, unless that was already recorded at or after
     * {@code staleBefore}. Leaves the item's version alone: presence never conflicts with a change.
     *
     * @return whether a write happened
     */
    boolean touchMember(String orgId, String userId, java.time.Instant at, java.time.Instant staleBefore);

    /**
     * An org's audit entries newest first, within {@code from}..{@code to} when given, and only those of
     * {@code actor} and {@code action} when given. A filtered page may hold fewer than {@code limit} entries and
     * still have a next one.
     */
    Page<AuditEntry> audit(String orgId, String actor, String action, java.time.Instant from, java.time.Instant to,
                           String cursor, int limit);

    /** The account signed in with {@code email}, if anyone has. */
    Optional<UserProfile> userByEmail(EmailAddress email);

    /** Every membership of a user, across orgs. */
    List<Member> membershipsOf(String userId);

    /**
     * Applies every change or none.
     *
     * @throws ChangeRejected    when a change's expectation did not hold
     * @throws ConcurrentChange  when another request changed the same items at the same time
     */
    void commit(List<Change> changes);
}
