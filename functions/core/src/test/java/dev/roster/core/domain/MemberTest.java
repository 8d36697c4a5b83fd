package dev.roster.core.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class MemberTest {

    private static final Instant NOW = Instant.parse("2026-03-01T09:30:00.123Z");
    private static final Org ORG = new Org("org1", "Acme", "PRO", 0, 10, 1, 0, Billing.none(), "owner1", 0, NOW);
    private static final UserProfile IVAN = new UserProfile("user1", new EmailAddress("ivan@example.com"), "Ivan", NOW);
    private static final AccessGrant GRANT = new AccessGrant(Role.VIEWER, List.of("crm"), List.of("ws1", "ws2"));

    @Test
    void theFounderOwnsTheOrgWithNoGrantsAndIsSeenNow() {
        assertEquals(new Member("org1", "Acme", "user1", IVAN.email(), "Ivan", Role.OWNER, List.of(), List.of(),
                MemberStatus.ACTIVE, NOW, null, null, NOW, null, 1), Member.owner(ORG, IVAN, NOW));
    }

    @Test
    void anInviteeJoinsWithWhatTheInvitationGrantsInvitedByItsInviter() {
        Invitation invitation = Invitation.issue(ORG, "inv1", IVAN.email(), GRANT,
                new Invitation.Inviter("owner1", "Olga", null), NOW.minusSeconds(60), Duration.ofDays(7), "hash");
        Member member = Member.accepted(invitation, IVAN, NOW);
        assertEquals(GRANT, member.access());
        assertEquals(List.of("crm"), member.permissions());
        assertEquals(List.of("ws1", "ws2"), member.workspaceIds());
        assertEquals("owner1", member.invitedBy());
        assertEquals(NOW, member.joinedAt());
        assertEquals(NOW, member.lastSeenAt());
        assertEquals(new Member("org1", "Acme", "user1", IVAN.email(), "Ivan", Role.VIEWER, List.of("crm"),
                List.of("ws1", "ws2"), MemberStatus.ACTIVE, NOW, "owner1", "Olga", NOW, null, 1), member);
    }

    @Test
    void someoneAddedDirectlyHasNotBeenSeenYet() {
        Member member = Member.added(ORG, IVAN, GRANT, "owner1", "Olga", NOW);
        assertEquals(new Member("org1", "Acme", "user1", IVAN.email(), "Ivan", Role.VIEWER, List.of("crm"),
                List.of("ws1", "ws2"), MemberStatus.ACTIVE, NOW, "owner1", "Olga", null, null, 1), member);
        assertNull(member.lastSeenAt());
    }

    @Test
    void changingAccessOrWorkspacesBumpsTheVersionAndKeepsTheRest() {
        Member member = Member.added(ORG, IVAN, GRANT, "owner1", "Olga", NOW);
        AccessGrant admin = new AccessGrant(Role.ADMIN, List.of(), List.of("ws3"));
        assertEquals(admin, member.withAccess(admin).access());
        assertEquals(2, member.withAccess(admin).version());
        Member narrowed = member.withWorkspaces(List.of("ws2"));
        assertEquals(new AccessGrant(Role.VIEWER, List.of("crm"), List.of("ws2")), narrowed.access());
        assertEquals(2, narrowed.version());
    }

    @Test
    void accessEndsAtItsInstantWhateverTheStoredStatusAndReactivationClearsIt() {
        Instant end = NOW.plus(Duration.ofHours(1));
        Member member = Member.owner(ORG, IVAN, NOW).withAccess(GRANT, end);

        assertEquals(true, member.isActiveAt(end.minusMillis(1)));
        assertEquals(false, member.isActiveAt(end));
        assertEquals(MemberStatus.ACTIVE, member.status());
        Member suspended = member.withStatus(MemberStatus.SUSPENDED);
        assertEquals(end, suspended.accessExpiresAt(), "the suspension keeps its reason");
        assertNull(suspended.withStatus(MemberStatus.ACTIVE).accessExpiresAt());
        assertEquals(false, suspended.isActiveAt(NOW));
    }
}
