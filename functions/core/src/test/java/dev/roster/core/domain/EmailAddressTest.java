package dev.roster.core.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmailAddressTest {

    @Test
    void addressesAreTrimmedAndLowerCasedSoTheSamePersonMatches() {
        assertEquals(EmailAddress.parse("ivan@example.com"), EmailAddress.parse("  Ivan@EXAMPLE.com\t"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "plain", "a@b", "@example.com", "a@", "a b@example.com", "a@exa mple.com",
            "a@example..com", "a..b@example.com", "a@-example.com", "a@example.com\r\nBcc: x@y.com", "a@example.com>",
            "\"quoted\"@example.com", "a@[127.0.0.1]"})
    void malformedOrHeaderBreakingAddressesAreRefused(String raw) {
        assertTrue(EmailAddress.parse(raw).isEmpty(), raw);
    }

    @Test
    void overlongAddressesAreRefused() {
        assertTrue(EmailAddress.parse("a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(63) + ".com").isEmpty());
    }

    @Test
    void theLocalPartHoldsAtMost64CharactersAsRfc5321Says() {
        assertTrue(EmailAddress.parse("a".repeat(64) + "@example.com").isPresent());
        assertTrue(EmailAddress.parse("a".repeat(65) + "@example.com").isEmpty());
        assertTrue(EmailAddress.parse("a".repeat(30) + "." + "b".repeat(34) + "@example.com").isEmpty());
    }

    @Test
    void theWholeAddressHoldsAtMost254Characters() {
        String domainOf189 = "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);
        String at254 = "a".repeat(64) + "@" + domainOf189;
        assertEquals(254, at254.length());
        assertTrue(EmailAddress.parse(at254).isPresent());
        assertTrue(EmailAddress.parse("a" + at254).isEmpty(), "65 before the @");
        assertTrue(EmailAddress.parse("a".repeat(63) + "@" + domainOf189 + "d").isPresent());
        assertTrue(EmailAddress.parse("a".repeat(64) + "@" + domainOf189 + "d").isEmpty(), "255 in all");
    }

    @ParameterizedTest
    @CsvSource({"alice@example.com,a***e@example.com", "al@example.com,a***@example.com", "a@example.com,a***@example.com",
            "first.last+tag@sub.example.co,f***g@sub.example.co"})
    void maskingKeepsTheFirstAndLastCharacterAndTheDomain(String address, String masked) {
        assertEquals(masked, EmailAddress.parse(address).orElseThrow().masked());
    }
}
