package dev.roster.core.config;

import dev.roster.core.domain.Plan;
import io.micronaut.core.util.EnvironmentProperties;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RosterSettingsTest {

    private static RosterConfig valid() {
        RosterConfig config = new RosterConfig();
        config.setTable("roster");
        config.setMailFrom("Roster <no-reply@roster.test>");
        config.setBaseUrl("https://app.roster.test/");
        return config;
    }

    private static RosterSettings settings(Consumer<RosterConfig> change) {
        RosterConfig config = valid();
        change.accept(config);
        return new RosterSettings(config, JsonMapper.createDefault());
    }

    @Test
    void defaultsAreTheContractsDefaults() {
        RosterSettings s = settings(c -> { });
        assertEquals(Duration.ofDays(7), s.invitationTtl());
        assertEquals(50, s.invitesPerDay());
        assertEquals(Duration.ofSeconds(60), s.resendCooldown());
        assertEquals("FREE", s.defaultPlan().name());
        assertEquals(1, s.defaultPlan().seatLimit(0));
        assertEquals(5, s.planOf("STARTER").seatLimit(3), "STARTER has no extra seats");
        assertEquals(13, s.planOf("PRO").seatLimit(3));
        assertEquals(28, s.planOf("FOUNDER").seatLimit(3));
        assertNull(s.planOf("ENTERPRISE").seatLimit(0));
        assertEquals(9, s.permissionCatalog().size());
        assertEquals("https://app.roster.test/invitations/T", s.inviteUrl("T"));
        assertFalse(s.oneOrgPerUser(), "membership policies are off unless set");
        assertFalse(s.addExistingUsersDirectly());
    }

    @Test
    void theBuiltInPlansAreTheContractsPlans() {
        RosterSettings s = settings(c -> { });
        assertEquals(Set.of("FREE", "STARTER", "PRO", "FOUNDER", "ENTERPRISE"), s.planNames());
        assertEquals(new Plan("FREE", 1, false, false, 1, false), s.planOf("FREE"));
        assertEquals(new Plan("STARTER", 5, true, false, 10, false), s.planOf("STARTER"));
        assertEquals(new Plan("PRO", 10, true, true, 10, false), s.planOf("PRO"));
        assertEquals(new Plan("FOUNDER", 25, true, true, 10, true), s.planOf("FOUNDER"));
        assertEquals(new Plan("ENTERPRISE", null, true, false, 10, false), s.planOf("ENTERPRISE"));
        assertEquals(List.of("billing", "crm", "invoicing", "proposals", "scheduling", "dispatch", "knowledge", "leads",
                "handoffs"), List.copyOf(s.permissionCatalog()));
    }

    @Test
    void aBlankPlanTableOrPermissionCatalogMeansTheBuiltInOne() {
        RosterSettings s = settings(c -> {
            c.setPlans(" ");
            c.setPermissions("");
        });
        assertEquals(settings(c -> { }).planNames(), s.planNames());
        assertEquals(settings(c -> { }).permissionCatalog(), s.permissionCatalog());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"no-reply@roster.test", "Roster <no-reply@roster.test>", "\"Roster Team\" <no-reply@roster.test> "})
    void theSenderIsItsAddressAloneSoEachEmailCanNameItsOrg(String configured) {
        // Emails build "Acme via Roster" <address>: a configured name kept here would nest one address in another.
        assertEquals("no-reply@roster.test", settings(c -> c.setMailFrom(configured)).mailFrom());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ROSTER_TABLE|table|",
            "ROSTER_BASE_URL|baseUrl|ftp://example.com",
            "ROSTER_BASE_URL|baseUrl|not a url",
            "ROSTER_MAIL_FROM|mailFrom|nobody",
            "ROSTER_INVITATION_TTL|invitationTtl|7 days",
            "ROSTER_INVITATION_TTL|invitationTtl|PT0S",
            "ROSTER_INVITES_PER_DAY|invitesPerDay|0",
            "ROSTER_INVITES_PER_DAY|invitesPerDay|many",
            "ROSTER_RESEND_COOLDOWN|resendCooldown|-PT1S",
            "ROSTER_DEFAULT_PLAN|defaultPlan|GOLD",
            "ROSTER_PLANS|plans|{not json",
            "ROSTER_PLANS|plans|{\"PRO\": {\"seats\": \"ten\"}}",
            "ROSTER_PERMISSIONS|permissions|crm,Bad Name",
            "ROSTER_ONE_ORG_PER_USER|oneOrgPerUser|yes",
            "ROSTER_ADD_EXISTING_USERS_DIRECTLY|addExistingUsersDirectly|1"})
    void anInvalidValueStopsStartUpNamingTheVariable(String variable, String property, String value) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> settings(c -> {
            switch (property) {
                case "table" -> c.setTable(value);
                case "baseUrl" -> c.setBaseUrl(value);
                case "mailFrom" -> c.setMailFrom(value);
                case "invitationTtl" -> c.setInvitationTtl(value);
                case "invitesPerDay" -> c.setInvitesPerDay(value);
                case "resendCooldown" -> c.setResendCooldown(value);
                case "defaultPlan" -> c.setDefaultPlan(value);
                case "plans" -> c.setPlans(value);
                case "permissions" -> c.setPermissions(value);
                case "oneOrgPerUser" -> c.setOneOrgPerUser(value);
                case "addExistingUsersDirectly" -> c.setAddExistingUsersDirectly(value);
                default -> throw new IllegalArgumentException(property);
            }
        }));
        assertTrue(e.getMessage().startsWith(variable + " "), e.getMessage());
    }

    @Test
    void thePlanTableCanBeReplacedAsJson() {
        RosterSettings s = settings(c -> {
            c.setPlans("{\"TEAM\": {\"seats\": 3, \"invitations\": true}, \"HUGE\": {\"seats\": null, \"invitations\": true, \"extraSeats\": false}}");
            c.setDefaultPlan("team");
        });
        assertEquals("TEAM", s.defaultPlan().name());
        assertEquals(3, s.defaultPlan().seatLimit(0));
        assertNull(s.planOf("HUGE").seatLimit(0));
        assertTrue(s.plan("PRO").isEmpty());
    }

    @ParameterizedTest
    @CsvSource({"ROSTER_TABLE,roster.table", "ROSTER_MAIL_FROM,roster.mail-from", "ROSTER_BASE_URL,roster.base-url",
            "ROSTER_INVITATION_TTL,roster.invitation-ttl", "ROSTER_INVITES_PER_DAY,roster.invites-per-day",
            "ROSTER_RESEND_COOLDOWN,roster.resend-cooldown", "ROSTER_DEFAULT_PLAN,roster.default-plan",
            "ROSTER_SES_CONFIGURATION_SET,roster.ses-configuration-set", "ROSTER_ONE_ORG_PER_USER,roster.one-org-per-user",
            "ROSTER_ADD_EXISTING_USERS_DIRECTLY,roster.add-existing-users-directly"})
    void eachEnvironmentVariableBindsToItsProperty(String variable, String property) {
        assertTrue(EnvironmentProperties.empty().findPropertyNamesForEnvironmentVariable(variable).contains(property),
                () -> variable + " -> " + EnvironmentProperties.empty().findPropertyNamesForEnvironmentVariable(variable));
    }

    @Test
    void stripePricesMapPricesToPlansAndTheExtraSeatInTheOrderWritten() {
        StripePrices prices = settings(c -> c.setStripePrices(
                "{\"price_pro_month\":\"PRO\",\"price_pro_year\":\"pro\",\"price_seat\":\"EXTRA_SEAT\"}")).stripePrices();
        assertEquals("PRO", prices.planOf("price_pro_year").orElseThrow());
        assertEquals("price_pro_month", prices.priceOf("PRO").orElseThrow(), "checkout offers the first price of a plan");
        assertTrue(prices.isExtraSeat("price_seat"));
        assertTrue(prices.planOf("price_seat").isEmpty(), "the extra-seat price is no plan");
        assertTrue(prices.planOf("price_unknown").isEmpty());
        assertEquals("price_seat", prices.extraSeatPrice().orElseThrow());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json",
            "{}",
            "[\"price_1\"]",
            "{\"price_1\":\"GOLD\"}",
            "{\"price_1\":3}"})
    void badStripePricesStopStartUpNamingTheVariable(String value) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> settings(c -> c.setStripePrices(value)));
        assertTrue(e.getMessage().contains("ROSTER_STRIPE_PRICES"), e.getMessage());
    }

    @Test
    void stripePricesAreRequiredOnlyWhereAskedFor() {
        RosterSettings s = settings(c -> { });
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, s::stripePrices);
        assertTrue(e.getMessage().contains("ROSTER_STRIPE_PRICES"), e.getMessage());
    }
}
