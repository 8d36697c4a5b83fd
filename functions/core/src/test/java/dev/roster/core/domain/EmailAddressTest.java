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

    @ParameterizedTest
    @CsvSource({"alice@example.com,a***e@example.com", "al@example.com,a***@example.com", "a@example.com,a***@example.com",
            "first.last+tag@sub.example.co,f***g@sub.example.co"})
    void maskingKeepsTheFirstAndLastCharacterAndTheDomain(String address, String masked) {
        assertEquals(masked, EmailAddress.parse(address).orElseThrow().masked());
    }
}
