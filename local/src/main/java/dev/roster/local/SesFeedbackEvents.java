package dev.roster.local;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The EventBridge events SES publishes through a configuration set's event destination for a bounce or a complaint
 * ({@code source} aws.ses, {@code detail} the SES event record), for a message the local mailer wrote.
 */
final class SesFeedbackEvents {

    static final String CONFIGURATION_SET = "roster-local";

    private SesFeedbackEvents() {
    }

    static Map<String, Object> bounce(EmlMailer.Sent sent, Instant now) {
        Map<String, Object> bounce = new LinkedHashMap<>();
        bounce.put("feedbackId", UUID.randomUUID().toString());
        bounce.put("bounceType", "Permanent");
        bounce.put("bounceSubType", "General");
        bounce.put("bouncedRecipients", List.of(Map.of("emailAddress", sent.to(), "action", "failed",
                "status", "5.1.1", "diagnosticCode", "smtp; 550 5.1.1 user unknown")));
        bounce.put("timestamp", now.toString());
        bounce.put("reportingMTA", "dns; localhost");
        return event("Email Bounced", "Bounce", "bounce", bounce, sent, now);
    }

    static Map<String, Object> complaint(EmlMailer.Sent sent, Instant now) {
        Map<String, Object> complaint = new LinkedHashMap<>();
        complaint.put("feedbackId", UUID.randomUUID().toString());
        complaint.put("complainedRecipients", List.of(Map.of("emailAddress", sent.to())));
        complaint.put("complaintFeedbackType", "abuse");
        complaint.put("timestamp", now.toString());
        return event("Email Complaint Received", "Complaint", "complaint", complaint, sent, now);
    }

    private static Map<String, Object> event(String detailType, String eventType, String recordName,
                                             Map<String, Object> record, EmlMailer.Sent sent, Instant now) {
        Map<String, Object> tags = new LinkedHashMap<>();
        tags.put("ses:configuration-set", List.of(CONFIGURATION_SET));
        sent.tags().forEach((name, value) -> tags.put(name, List.of(value)));
        Map<String, Object> mail = new LinkedHashMap<>();
        mail.put("timestamp", sent.at().toString());
        mail.put("messageId", sent.messageId());
        mail.put("destination", List.of(sent.to()));
        mail.put("headersTruncated", false);
        mail.put("tags", tags);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("eventType", eventType);
        detail.put(recordName, record);
        detail.put("mail", mail);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", detailType);
        event.put("source", "aws.ses");
        event.put("account", "000000000000");
        event.put("time", now.truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", "us-east-1");
        event.put("resources", List.of("arn:aws:ses:us-east-1:000000000000:configuration-set/" + CONFIGURATION_SET));
        event.put("detail", detail);
        return event;
    }
}
