package dev.roster.aws.metrics;

import dev.roster.core.port.Metrics;
import dev.roster.core.port.WarmUp;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import software.amazon.cloudwatchlogs.emf.config.Configuration;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The {@link Metrics} port as CloudWatch embedded metric format: each data point is one JSON line on standard output,
 * written by Powertools for AWS Lambda (Java), which Lambda's log group turns into a metric of namespace
 * {@code Roster} with the one dimension {@code FunctionName}. No API call and no permission; nothing is buffered, so
 * no handler has to flush.
 */
// Secondary: the local API's tests put a recording Metrics in its place.
@Singleton
@Secondary
public class EmfMetrics implements Metrics, WarmUp {

    static final String NAMESPACE = "Roster";
    static final String DIMENSION = "FunctionName";
    /** The dimension's value outside Lambda (the local API serves every function from one process). */
    static final String LOCAL_FUNCTION = "roster-local";

    private final software.amazon.lambda.powertools.metrics.Metrics powertools;
    private final DimensionSet dimensions;

    @Inject
    public EmfMetrics() {
        this(System.getenv("AWS_LAMBDA_FUNCTION_NAME"));
    }

    EmfMetrics(String functionName) {
        boolean inLambda = functionName != null && !functionName.isBlank();
        if (!inLambda) {
            // Outside Lambda the EMF library would probe EC2's metadata service, then send to an agent on TCP 25888.
            Configuration config = EnvironmentConfigurationProvider.getConfig();
            if (config.getEnvironmentOverride() == null || config.getEnvironmentOverride() == Environments.Unknown) {
                config.setEnvironmentOverride(Environments.Local);
            }
        }
        this.powertools = MetricsFactory.getMetricsInstance();
        this.dimensions = DimensionSet.of(DIMENSION, inLambda ? functionName : LOCAL_FUNCTION);
    }

    @Override
    public void record(Metric metric, double value) {
        powertools.flushSingleMetric(metric.metricName(), value, unit(metric.unit()), NAMESPACE, dimensions);
    }

    /**
     * Before a SnapStart snapshot: renders a data point without writing it, so Jackson and the EMF serializer are
     * loaded in the snapshot rather than on the first request that counts something.
     */
    @Override
    public void warmUp() {
        try {
            MetricsContext context = new MetricsContext();
            context.setNamespace(NAMESPACE);
            context.putMetric(Metric.INVITATIONS_CREATED.metricName(), 0, software.amazon.cloudwatchlogs.emf.model.Unit.COUNT);
            context.serialize();
        } catch (Exception e) {
            throw new IllegalStateException("EMF could not render a data point: " + e.getMessage(), e);
        }
    }

    private static MetricUnit unit(Unit unit) {
        return switch (unit) {
            case COUNT -> MetricUnit.COUNT;
            case PERCENT -> MetricUnit.PERCENT;
        };
    }
}
