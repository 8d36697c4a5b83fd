package dev.roster.expiry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.roster.core.usecase.InvitationExpiryService;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.slf4j.MDC;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Run by an EventBridge schedule: one expiry sweep. It stops early enough to finish its last invitation and
 * the inviter emails before the Lambda timeout; what is left waits for the next run. A failure propagates,
 * so Lambda retries the event and, after its retries, hands it to the dead-letter queue.
 */
public class InvitationExpiryFunction extends MicronautRequestHandler<ScheduledEvent, Map<String, Object>> {

    /** Kept back from the Lambda timeout for the transaction in flight and the inviter emails. */
    static final long RESERVED_MILLIS = 30_000;

    @Inject
    InvitationExpiryService expiry;

    public InvitationExpiryFunction() {
        super();
    }

    public InvitationExpiryFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    public Map<String, Object> execute(ScheduledEvent event) {
        String runId = event == null || event.getId() == null ? "" : event.getId();
        MDC.put("requestId", runId);
        try {
            // Micronaut registers the invocation's Lambda context as a bean before calling execute.
            Optional<Context> lambda = getApplicationContext().findBean(Context.class);
            InvitationExpiryService.Summary summary = expiry.sweep(
                    () -> lambda.map(c -> c.getRemainingTimeInMillis() > RESERVED_MILLIS).orElse(true), runId);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("expired", summary.expired());
            result.put("skipped", summary.skipped());
            result.put("inviterEmails", summary.inviterEmails());
            result.put("inviterEmailsFailed", summary.inviterEmailsFailed());
            result.put("complete", summary.complete());
            return result;
        } finally {
            MDC.clear();
        }
    }
}
