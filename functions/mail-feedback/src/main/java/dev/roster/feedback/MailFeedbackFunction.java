package dev.roster.feedback;

import dev.roster.core.port.WarmUp;
import dev.roster.core.usecase.MailFeedback;
import dev.roster.core.usecase.MailFeedbackService;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.MDC;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Run by an EventBridge rule on the SES events of the configuration set ({@code Email Bounced},
 * {@code Email Complaint Received}): records the bounce or complaint on the invitation the email was for. The event's
 * {@code detail} is the SES event record: {@code eventType}, {@code mail.messageId}, {@code mail.tags} and
 * {@code bounce.bounceType} or {@code complaint.complaintFeedbackType}. A failure propagates, so Lambda retries.
 */
public class MailFeedbackFunction extends MicronautRequestHandler<Map<String, Object>, Map<String, Object>>
        implements Resource {

    @Inject
    MailFeedbackService feedback;

    public MailFeedbackFunction() {
        super();
        Core.getGlobalContext().register(this);
    }

    public MailFeedbackFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        WarmUp.all(getApplicationContext());
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to renew: the SDK re-opens connections and refreshes credentials as it needs them.
    }

    @Override
    public Map<String, Object> execute(Map<String, Object> event) {
        String eventId = String.valueOf(event == null ? "" : event.getOrDefault("id", ""));
        MDC.put("requestId", eventId);
        try {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("result", parse(event).map(f -> feedback.record(f, eventId).name()).orElse("IGNORED"));
            return result;
        } finally {
            MDC.clear();
        }
    }

    /** The feedback an SES event reports; empty for other SES events. */
    static Optional<MailFeedback> parse(Map<String, Object> event) {
        Map<String, Object> detail = map(event == null ? null : event.get("detail"));
        Map<String, Object> mail = map(detail.get("mail"));
        Object messageId = mail.get("messageId");
        if (messageId == null) {
            return Optional.empty();
        }
        Map<String, String> tags = new LinkedHashMap<>();
        map(mail.get("tags")).forEach((name, values) -> {
            if (values instanceof List<?> list && !list.isEmpty() && list.get(0) != null) {
                tags.put(name, list.get(0).toString());
            }
        });
        return switch (String.valueOf(detail.get("eventType"))) {
            case "Bounce" -> Optional.of(new MailFeedback(MailFeedback.Kind.BOUNCE, messageId.toString(), tags,
                    text(map(detail.get("bounce")).get("bounceType"))));
            case "Complaint" -> Optional.of(new MailFeedback(MailFeedback.Kind.COMPLAINT, messageId.toString(), tags,
                    text(map(detail.get("complaint")).get("complaintFeedbackType"))));
            default -> Optional.empty();
        };
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
