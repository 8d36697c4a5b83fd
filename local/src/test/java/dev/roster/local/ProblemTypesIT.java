package dev.roster.local;

import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.RosterException;
import dev.roster.http.Problems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every problem's type resolves, against the API, to the description of its code, for anyone. */
class ProblemTypesIT {

    @RegisterExtension
    static final LocalStack stack = LocalStack.forClass(Map.of());
    private final ApiClient api = stack.api();
    private final LocalApi local = stack.local();

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void theTypeOfEveryCodeServesItsDescription(ErrorCode code) {
        String type = Problems.of(new RosterException(code, "x"), "request-1").type();

        ApiClient.Res res = api.get(local.baseUri().resolve(type).getRawPath(), null);

        assertEquals(200, res.status(), type + ": " + res);
        assertEquals("text/markdown; charset=utf-8", res.header("content-type"));
        assertTrue(res.body().startsWith("## " + code.name() + "\n"), res::body);
        assertTrue(res.body().contains("- Status: " + code.status() + "\n") && res.body().contains("**What to do:**"), res::body);
    }

    @Test
    void aProblemAnsweredByTheApiNamesADescribedType() {
        ApiClient.Res problem = api.get("/invitations/" + "A".repeat(43), null);
        assertEquals(404, problem.status(), problem::toString);

        ApiClient.Res description = api.get(local.baseUri().resolve(problem.str("type")).getRawPath(), null);

        assertEquals(200, description.status());
        assertTrue(description.body().startsWith("## INVITATION_NOT_FOUND\n"), description::body);
    }

    @Test
    void unknownTypesAndOtherMethodsAreNotFound() {
        for (String path : new String[]{"/problems/no-such-code", "/problems/", "/problems/SEAT_LIMIT_REACHED", "/problems/../template.yaml"}) {
            assertEquals(404, api.get(path, null).status(), path);
        }
        assertEquals(404, api.post("/problems/seat-limit-reached", null, "{}").status());
    }
}
