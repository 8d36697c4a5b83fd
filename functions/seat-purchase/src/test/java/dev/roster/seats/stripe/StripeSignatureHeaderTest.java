package dev.roster.seats.stripe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StripeSignatureHeaderTest {

    private static final String SIGNATURE = "5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd";
    private static final String UPPER_CASE_SIGNATURE = "5257A869E7ECEBEDA32AFFA62CDCA3FA51CAD7E77A0E56FF536D0CE8E108D8BD";

    @ParameterizedTest
    @ValueSource(strings = {"t=1492774577,v1=" + SIGNATURE,
            "t=1492774577,v1=" + SIGNATURE + ",v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39",
            "v1=" + SIGNATURE + ",t=1492774577,v1=" + SIGNATURE, "t=0,v1=" + SIGNATURE})
    void headersAsStripeSendsThemAreWellFormed(String header) {
        assertTrue(StripeSignatureHeader.isWellFormed(header), header);
    }

    @ParameterizedTest
    @ValueSource(strings = {"t=99999999999999999999999,v1=" + SIGNATURE, "t=9223372036854775808,v1=" + SIGNATURE,
            "t=-1,v1=" + SIGNATURE, "t=1e9,v1=" + SIGNATURE, "t=,v1=" + SIGNATURE, "t= 1492774577,v1=" + SIGNATURE,
            "t=1492774577", "v1=" + SIGNATURE, "t=1,t=2,v1=" + SIGNATURE, "t=1492774577,v1=abc",
            "t=1492774577,v1=" + UPPER_CASE_SIGNATURE, "t=1492774577,v0=" + SIGNATURE,
            "t=1492774577,,v1=" + SIGNATURE, "t=1492774577,=x,v1=" + SIGNATURE, "garbage", ",", "="})
    void anythingElseIsNotASignatureHeader(String header) {
        assertFalse(StripeSignatureHeader.isWellFormed(header), header);
    }

    @Test
    void anOverlongHeaderIsRefusedWithoutReadingIt() {
        assertFalse(StripeSignatureHeader.isWellFormed("t=1,v1=" + SIGNATURE + (",v0=" + SIGNATURE).repeat(20)));
        assertFalse(StripeSignatureHeader.isWellFormed(null));
        assertFalse(StripeSignatureHeader.isWellFormed(""));
    }
}
