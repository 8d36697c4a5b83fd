package dev.roster.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import io.micronaut.core.reflect.GenericTypeUtils;
import io.micronaut.function.aws.MicronautRequestHandler;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls a handler the way the Lambda Java runtime does: the event JSON becomes the handler's declared input type
 * through the runtime's own serializers (the events library's for its event classes, Jackson for anything else,
 * such as a map), and the result goes back to JSON the same way.
 */
final class LambdaRuntime {

    /** A handler class's input and output serializers, built once: building one is slow. */
    private record Serializers(PojoSerializer<Object> input, PojoSerializer<Object> output) {
    }

    private static final Map<Class<?>, Serializers> SERIALIZERS = new ConcurrentHashMap<>();

    private LambdaRuntime() {
    }

    @SuppressWarnings("unchecked")
    static String invoke(MicronautRequestHandler<?, ?> handler, String eventJson, Context context) {
        Serializers serializers = SERIALIZERS.computeIfAbsent(handler.getClass(), type -> {
            Class<?>[] types = GenericTypeUtils.resolveSuperTypeGenericArguments(type, MicronautRequestHandler.class);
            return new Serializers(serializer((Class<Object>) types[0]), serializer((Class<Object>) types[1]));
        });
        Object input = serializers.input().fromJson(eventJson);
        Object output = ((MicronautRequestHandler<Object, Object>) handler).handleRequest(input, context);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializers.output().toJson(output, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static PojoSerializer<Object> serializer(Class<Object> type) {
        return LambdaEventSerializers.isLambdaSupportedEvent(type.getName())
                ? LambdaEventSerializers.serializerFor(type, LambdaRuntime.class.getClassLoader())
                : JacksonFactory.getInstance().getSerializer(type);
    }
}
