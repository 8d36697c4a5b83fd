package dev.roster.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Lambda Runtime API (version 2018-06-01) that one execution environment's runtime talks to: {@code next} hands
 * out the queued event with Lambda's headers, {@code response} and {@code error} complete it, {@code init/error}
 * reports a handler that could not be loaded. The runtime interface client polls it exactly as it polls Lambda.
 */
public final class RuntimeApiEmulator implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";

    static {
        // Without TCP_NODELAY a reply's headers and body, written apart, wait on the runtime's delayed ACK: 40 ms
        // on every invocation. The JDK's server reads this once, so a JVM that served HTTP before must set it itself.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** What the runtime answered for one event: its response payload, or the error it reported. */
    public record Answer(String requestId, byte[] payload, String errorType, Duration elapsed) {

        public boolean failed() {
            return errorType != null;
        }

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private record Pending(String requestId, byte[] event, long deadlineMillis, CompletableFuture<Answer> answer,
                           long[] handedOutAt) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "runtime-api");
        t.setDaemon(true);
        return t;
    });
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
    private final CountDownLatch firstNext = new CountDownLatch(1);
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    private final String functionArn;
    private volatile long firstNextAt;

    private RuntimeApiEmulator(HttpServer server, String functionArn) {
        this.server = server;
        this.functionArn = functionArn;
    }

    public static RuntimeApiEmulator start(String functionName) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        RuntimeApiEmulator api = new RuntimeApiEmulator(server,
                "arn:aws:lambda:us-east-1:000000000000:function:" + functionName);
        server.createContext(PREFIX, api::handle);
        server.setExecutor(api.threads);
        server.start();
        return api;
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API}. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Waits until the runtime asks for its first event (its init is done) and answers when, by
     * {@link System#nanoTime()}; fails if it reported an init error or did not ask in time.
     */
    public long awaitReady(Duration timeout) throws InterruptedException, TimeoutException {
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            if (firstNext.await(50, TimeUnit.MILLISECONDS)) {
                return firstNextAt;
            }
            if (initError.isDone()) {
                throw new IllegalStateException("the runtime reported an init error: " + initError.join());
            }
        }
        throw new TimeoutException("the runtime did not ask for an event within " + timeout);
    }

    /** Hands {@code event} to the runtime on its next poll and waits for what it answers. */
    public Answer invoke(byte[] event, Duration timeout) throws Exception {
        Pending pending = new Pending(UUID.randomUUID().toString(), event,
                System.currentTimeMillis() + timeout.toMillis(), new CompletableFuture<>(), new long[1]);
        inFlight.put(pending.requestId(), pending);
        queue.add(pending);
        try {
            return pending.answer().get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } finally {
            inFlight.remove(pending.requestId());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            byte[] body = readAll(exchange.getRequestBody());
            if (path.equals("invocation/next") && exchange.getRequestMethod().equals("GET")) {
                next(exchange);
            } else if (path.equals("init/error")) {
                initError.complete(new String(body, StandardCharsets.UTF_8));
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else if (path.startsWith("invocation/") && (path.endsWith("/response") || path.endsWith("/error"))) {
                String requestId = path.substring("invocation/".length(), path.lastIndexOf('/'));
                Pending pending = inFlight.get(requestId);
                if (pending == null) {
                    reply(exchange, 400, "{\"errorType\":\"InvalidRequestID\"}");
                    return;
                }
                String errorType = path.endsWith("/error")
                        ? exchange.getRequestHeaders().getOrDefault("Lambda-Runtime-Function-Error-Type",
                        java.util.List.of("Unknown")).get(0) : null;
                pending.answer().complete(new Answer(requestId, body, errorType,
                        Duration.ofNanos(System.nanoTime() - pending.handedOutAt()[0])));
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                reply(exchange, 404, "{\"errorType\":\"NotFound\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        if (firstNext.getCount() > 0) {
            firstNextAt = System.nanoTime();
            firstNext.countDown();
        }
        Pending pending;
        try {
            pending = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        pending.handedOutAt()[0] = System.nanoTime();
        var headers = exchange.getResponseHeaders();
        headers.add("Content-Type", "application/json");
        headers.add("Lambda-Runtime-Aws-Request-Id", pending.requestId());
        headers.add("Lambda-Runtime-Deadline-Ms", Long.toString(pending.deadlineMillis()));
        headers.add("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.add("Lambda-Runtime-Trace-Id", "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000)
                + "-" + pending.requestId().replace("-", "").substring(0, 24) + ";Sampled=0");
        exchange.sendResponseHeaders(200, pending.event().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(pending.event());
        }
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
