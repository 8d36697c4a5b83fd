package dev.roster.core.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InvitationTest {

    private static final Instant NOW = Instant.parse("2026-03-01T09:30:00.123Z");
    private static final Org ORG = new Org("org1", "Acme", "PRO", 0, 10, 1, 0, Billing.none(), "owner1", 0, NOW);

    @Test
    void anIssuedInvitationIsPendingSentNowAndValidForItsTtl() {
        EmailAddress ivan = new EmailAddress("ivan@example.com");
        EmailAddress olga = new EmailAddress("olga@example.com");
        Invitation invitation = Invitation.issue(ORG, "inv1", ivan,
                new AccessGrant(Role.MEMBER, List.of("crm", "leads"), List.of("ws1")),
                new Invitation.Inviter("owner1", "Olga", olga), NOW, Duration.ofDays(7), "hash1");
        assertEquals(new Invitation("org1", "Acme", "inv1", ivan, Role.MEMBER, List.of("ws1"), List.of("crm", "leads"),
                InvitationStatus.PENDING, "owner1", "Olga", olga, NOW, NOW.plus(Duration.ofDays(7)), NOW, "hash1",
                EmailStatus.SENT, null, null, 1), invitation);
        assertEquals(new AccessGrant(Role.MEMBER, List.of("crm", "leads"), List.of("ws1")), invitation.access());
    }
}
