package dev.roster.local;

import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.RosterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TemplateRoutesTest {

    private static final TemplateRoutes.RouteDef MEMBER = new TemplateRoutes.RouteDef("OrgsFunction", "GET",
            "/orgs/{orgId}/members/{userId}", "dev.roster.orgs.OrgsFunction", true);

    @Test
    void pathParametersArePercentDecodedAndAPlusStaysAPlus() {
        assertEquals(Map.of("orgId", "01J", "userId", "auth0|a+b/c é"),
                MEMBER.match("GET", "/orgs/01J/members/auth0%7Ca+b%2Fc%20%C3%A9"));
        assertNull(MEMBER.match("POST", "/orgs/01J/members/x"));
        assertNull(MEMBER.match("GET", "/orgs/01J/members"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%zz", "%", "%4", "a%g0", "%C3%28", "%E0%A4", "%ED%A0%80", "\u00e9", "a b", "tab\t"})
    void aParameterThatIsNotPercentEncodedUtf8IsMalformedRequest(String raw) {
        RosterException e = assertThrows(RosterException.class, () -> MEMBER.match("GET", "/orgs/" + raw + "/members/x"), raw);
        assertEquals(ErrorCode.MALFORMED_REQUEST, e.code());
    }
}
