package dev.roster.feedback;

import dev.roster.core.mail.MailTags;
import dev.roster.core.usecase.MailFeedback;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The SES event record inside EventBridge's event, as the sample in events/ holds it. */
class MailFeedbackFunctionTest {

    private static Map<String, Object> sample() throws Exception {
        return JsonMapper.createDefault().readValue(Files.readString(Path.of("..", "..", "events", "mail-feedback-bounce.json")),
                Argument.mapOf(String.class, Object.class));
    }

    @Test
    void aBounceNamesItsMessageItsInvitationByTagAndItsBounceType() throws Exception {
        MailFeedback feedback = MailFeedbackFunction.parse(sample()).orElseThrow();

        assertEquals(MailFeedback.Kind.BOUNCE, feedback.kind());
        assertEquals("0102019a0b1c2d3e-SAMPLE-MESSAGE-000000", feedback.messageId());
        assertEquals("Permanent", feedback.detail());
        assertEquals(Optional.of(new MailTags.InvitationRef("01JDSAMPLE0RG0000000000000", "01JDSAMPLEINV1TAT10N000000")),
                MailTags.invitation(feedback.tags()));
    }

    @Test
    void aComplaintNamesItsFeedbackType() {
        Map<String, Object> event = Map.of("detail-type", "Email Complaint Received", "source", "aws.ses",
                "detail", Map.of("eventType", "Complaint", "complaint", Map.of("complaintFeedbackType", "abuse"),
                        "mail", Map.of("messageId", "m-1", "tags", Map.of("roster-org", List.of("O"),
                                "roster-invitation", List.of("I")))));

        MailFeedback feedback = MailFeedbackFunction.parse(event).orElseThrow();

        assertEquals(MailFeedback.Kind.COMPLAINT, feedback.kind());
        assertEquals("abuse", feedback.detail());
    }

    @Test
    void otherSesEventsAndMalformedOnesAreNotFeedback() {
        assertEquals(Optional.empty(), MailFeedbackFunction.parse(Map.of("detail", Map.of("eventType", "Delivery",
                "mail", Map.of("messageId", "m-1")))));
        assertEquals(Optional.empty(), MailFeedbackFunction.parse(Map.of("detail", "not an object")));
        assertEquals(Optional.empty(), MailFeedbackFunction.parse(null));
    }
}
