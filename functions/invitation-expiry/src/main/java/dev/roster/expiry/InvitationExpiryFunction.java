package dev.roster.expiry;

import com.amazonaws.services.lambda.runtime.Context;
import dev.roster.core.port.WarmUp;
import dev.roster.core.usecase.AccessExpiryService;
import dev.roster.core.usecase.InvitationExpiryService;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Run by an EventBridge schedule: one expiry sweep of invitations, then one of members whose access has ended
 * (recorded as suspensions). It stops early enough to finish its last invitation and
 * the inviter emails before the Lambda timeout; what is left waits for the next run. A failure propagates,
 * so Lambda retries the event and, after its retries, hands it to the dead-letter queue.
 */
public class InvitationExpiryFunction extends MicronautRequestHandler<Map<String, Object>, Map<String, Object>>
        implements Resource {

    /** Kept back from the Lambda timeout for the transaction in flight and the inviter emails. */
    static final long RESERVED_MILLIS = 30_000;
    private static final Logger LOG = LoggerFactory.getLogger(InvitationExpiryFunction.class);

    @Inject
    InvitationExpiryService expiry;
    @Inject
    AccessExpiryService accessExpiry;

    public InvitationExpiryFunction() {
        super();
        Core.getGlobalContext().register(this);
    }

    public InvitationExpiryFunction(ApplicationContext context) {
        super(context);
    }

    /** Before a SnapStart snapshot: the sweep's query, for nothing due, so nothing changes. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        WarmUp.all(getApplicationContext());
        try {
            expiry.prime();
        } catch (RuntimeException e) {
            LOG.warn("Priming the expiry sweep failed: {}", e.toString());
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to renew: the SDK re-opens connections and refreshes credentials as it needs them.
    }

    @Override
    public Map<String, Object> execute(Map<String, Object> event) {
        // Only the scheduled event's id is read: taking it as JSON keeps Joda-Time (ScheduledEvent's) out of the jar.
        Object id = event == null ? null : event.get("id");
        String runId = id == null ? "" : id.toString();
        MDC.put("requestId", runId);
        try {
            // Micronaut registers the invocation's Lambda context as a bean before calling execute.
            Optional<Context> lambda = getApplicationContext().findBean(Context.class);
            BooleanSupplier timeLeft = () -> lambda.map(c -> c.getRemainingTimeInMillis() > RESERVED_MILLIS).orElse(true);
            InvitationExpiryService.Summary summary = expiry.sweep(timeLeft, runId);
            AccessExpiryService.Summary access = accessExpiry.sweep(timeLeft, runId);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("expired", summary.expired());
            result.put("skipped", summary.skipped());
            result.put("inviterEmails", summary.inviterEmails());
            result.put("inviterEmailsFailed", summary.inviterEmailsFailed());
            result.put("membersSuspended", access.suspended());
            result.put("complete", summary.complete() && access.complete());
            return result;
        } catch (RuntimeException e) {
            // Rethrown so Lambda retries the event; logged here because only this line carries the run's id.
            LOG.error("Expiry sweep {} failed: {}", runId, e.toString());
            throw e;
        } finally {
            MDC.clear();
        }
    }
}
