package dev.roster.logging;

/**
 * What a function reports when the Lambda runtime hands it an event it cannot take: the types only. The event itself
 * holds claims, bodies and tokens, and the report reaches the logs.
 */
public final class UnconvertibleEvent {

    private UnconvertibleEvent() {
    }

    public static String describe(Object input, Class<?> expected) {
        return "The runtime passed " + (input == null ? "null" : "a " + input.getClass().getName()) + " where "
                + expected.getSimpleName() + " was expected: template.yaml's Handler must name the handler class alone"
                + " (no ::method), so the runtime builds the event from the class's type arguments";
    }
}
