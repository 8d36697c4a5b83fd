package dev.roster.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import org.crac.Resource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs in the fresh JVM of one cold start, on the function's deployable jar: constructs the handler as the Lambda
 * runtime does (its no-argument constructor: Micronaut's context and every eager bean), primes it when asked as
 * SnapStart does around its snapshot (the handler's CRaC beforeCheckpoint, then afterRestore), invokes it once with the
 * sample event through the runtime's serializers, then {@code warm} more times, and prints its figures and the
 * first answer.
 * <p>
 * Arguments: handler class, event file, warm invocations, {@code prime} or {@code no-prime}.
 */
public final class Invoker {

    private Invoker() {
    }

    public static void main(String[] args) throws Exception {
        String handlerClass = args[0];
        long start = System.nanoTime();
        @SuppressWarnings("unchecked")
        RequestHandler<Object, Object> handler = (RequestHandler<Object, Object>) Class.forName(handlerClass)
                .getConstructor().newInstance();
        long constructed = System.nanoTime();
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        int warm = Integer.parseInt(args[2]);
        boolean prime = "prime".equals(args[3]);

        CapacityInterceptor.reset();
        long primeStart = System.nanoTime();
        if (prime) {
            // What SnapStart calls on the handler, which registers itself: org.crac's global context only runs
            // its resources on a JVM that takes a checkpoint.
            Resource resource = (Resource) handler;
            resource.beforeCheckpoint(null);
            resource.afterRestore(null);
        }
        long primed = System.nanoTime() - primeStart;
        String primeCalls = CapacityInterceptor.summary();

        Class<?>[] types = types(handler.getClass());
        PojoSerializer<Object> input = serializer(types[0]);
        PojoSerializer<Object> output = serializer(types[1]);
        CapacityInterceptor.reset();
        long first = invoke(handler, input, output, event);
        String firstCalls = CapacityInterceptor.summary();
        String answer = LastAnswer.value;

        long[] warmNanos = new long[warm];
        for (int i = 0; i < warm; i++) {
            warmNanos[i] = invoke(handler, input, output, event);
        }
        Arrays.sort(warmNanos);
        double median = warm == 0 ? 0 : warmNanos[warm / 2] / 1e6;
        System.out.println("ANSWER " + answer.replace('\n', ' '));
        System.out.printf("RESULT init=%.1f prime=%.1f first=%.1f warm=%.2f primeCalls=%s calls=%s status=%s%n",
                (constructed - start) / 1e6, primed / 1e6, first / 1e6, median, primeCalls, firstCalls, status(answer));
        System.exit(0);
    }

    /** What the last invocation answered, as the runtime would write it. */
    static final class LastAnswer {
        static volatile String value = "";
    }

    /** An HTTP response's status code; "ok" for other answers. */
    private static String status(String answer) {
        Matcher m = Pattern.compile("\"statusCode\":(\\d+)").matcher(answer);
        return m.find() ? m.group(1) : "ok";
    }

    private static long invoke(RequestHandler<Object, Object> handler, PojoSerializer<Object> input,
                               PojoSerializer<Object> output, byte[] event) {
        long t0 = System.nanoTime();
        Object result = handler.handleRequest(input.fromJson(new ByteArrayInputStream(event)), BenchContext.INSTANCE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        output.toJson(result, out);
        long elapsed = System.nanoTime() - t0;
        LastAnswer.value = out.toString(StandardCharsets.UTF_8);
        return elapsed;
    }

    /** The handler's input and output types, as the runtime reads them from its generic supertype. */
    static Class<?>[] types(Class<?> handler) {
        for (Class<?> c = handler; c != null; c = c.getSuperclass()) {
            Type[] candidates = c.getGenericInterfaces();
            for (Type t : append(candidates, c.getGenericSuperclass())) {
                if (t instanceof ParameterizedType p && p.getActualTypeArguments().length == 2
                        && RequestHandler.class.isAssignableFrom((Class<?>) p.getRawType())) {
                    return new Class<?>[]{raw(p.getActualTypeArguments()[0]), raw(p.getActualTypeArguments()[1])};
                }
            }
        }
        throw new IllegalArgumentException(handler + " is not a RequestHandler with concrete types");
    }

    private static Type[] append(Type[] types, Type more) {
        Type[] all = Arrays.copyOf(types, types.length + 1);
        all[types.length] = more;
        return all;
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializer(Class<?> type) {
        return LambdaEventSerializers.isLambdaSupportedEvent(type.getName())
                ? LambdaEventSerializers.serializerFor((Class<Object>) type, Invoker.class.getClassLoader())
                : JacksonFactory.getInstance().getSerializer((Class<Object>) type);
    }
}
