package dev.roster.core.store;

import dev.roster.core.domain.AccessGrant;
import dev.roster.core.domain.AuditEntry;
import dev.roster.core.domain.Billing;
import dev.roster.core.domain.EmailAddress;
import dev.roster.core.domain.EmailClaim;
import dev.roster.core.domain.Invitation;
import dev.roster.core.domain.Member;
import dev.roster.core.domain.MemberStatus;
import dev.roster.core.domain.Org;
import dev.roster.core.domain.PlanSource;
import dev.roster.core.domain.Purchase;
import dev.roster.core.domain.Role;
import dev.roster.core.domain.UserProfile;
import dev.roster.core.domain.Workspace;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One record of each kind the table holds, for the store's unit tests. */
final class StoreSamples {

    static final String TABLE = "roster-test";
    static final Duration RETENTION = Duration.ofDays(30);
    static final Instant T0 = Instant.parse("2026-03-01T09:30:00.123Z");
    static final EmailAddress IVAN = new EmailAddress("ivan@example.com");

    static final Org ORG = new Org("org1", "Acme", "PRO", 2, 12, 5, 1,
            new Billing("ACTIVE", "cus_1", "sub_1", T0, PlanSource.SUBSCRIPTION, null), "owner1", 2, T0);
    static final Purchase PURCHASE = Purchase.paid("org1", "pi_1", "FOUNDER", T0);
    static final Member MEMBER = new Member("org1", "Acme", "user1", IVAN, "Ivan", Role.MEMBER, List.of("crm"),
            List.of("ws1"), MemberStatus.ACTIVE, T0, "owner1", "Olga", T0, null, 3);
    static final Invitation INVITATION = Invitation.issue(ORG, "inv1", IVAN,
            new AccessGrant(Role.VIEWER, List.of("crm", "leads"), List.of("ws1")),
            new Invitation.Inviter("owner1", "Olga", new EmailAddress("olga@example.com")), T0, Duration.ofDays(7), "hash1");
    static final EmailClaim INVITED = EmailClaim.invited("org1", IVAN, "inv1");
    static final EmailClaim JOINED = EmailClaim.member("org1", IVAN, "user1");
    static final Workspace WORKSPACE = new Workspace("org1", "ws1", "Sales", T0);
    static final UserProfile USER = new UserProfile("user1", IVAN, "Ivan", T0);
    static final AuditEntry AUDIT = new AuditEntry("org1", "aud1", T0, "owner1", "member.added", "member:user1",
            Map.of(), Map.of("role", "MEMBER", "seats", 3L), "req1");

    private StoreSamples() {
    }

    static ChangeWrites writes() {
        return new ChangeWrites(TABLE, RETENTION);
    }
}
