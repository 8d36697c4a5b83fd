package dev.roster.local;

import dev.roster.core.error.ErrorCode;
import dev.roster.core.error.RosterException;
import dev.roster.http.Problems;
import io.micronaut.json.JsonMapper;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The local API's HTTP listener, on Jetty (which DynamoDB Local brings along). It hands each request over as plain
 * values with the request id API Gateway would give it, and writes back the answer, echoing that id in the
 * {@code apigw-requestid} header as API Gateway's HTTP APIs do.
 * <p>
 * A request Jetty cannot read (a malformed request line, headers over API Gateway's 10 KiB) is answered with a
 * problem+json carrying a requestId, never an HTML error page or an exception's name. Paths reach the local API
 * undecoded whatever their encoding, so it decides about them as it decides about everything else.
 */
final class LocalHttpServer implements AutoCloseable {

    /** API Gateway's limit for the request line and headers together. */
    static final int MAX_HEADER_BYTES = 10 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(LocalHttpServer.class);

    /** Answers one request; a problem it throws becomes problem+json. */
    @FunctionalInterface
    interface Exchange {
        HttpApiEventFactory.Outgoing answer(HttpApiEventFactory.Incoming request) throws IOException;
    }

    private final Server server;
    private final ServerConnector connector;

    private LocalHttpServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** Binds {@code port} (0 for any free one) so the port is known before anything is built that names it. */
    static LocalHttpServer bind(int port) throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool(200);
        threads.setName("roster-local");
        Server server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        config.setRequestHeaderSize(MAX_HEADER_BYTES);
        // Every path reaches the local API as sent (API Gateway passes %2F in a path parameter, for one).
        config.setUriCompliance(UriCompliance.UNSAFE);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(config));
        connector.setHost("localhost");
        connector.setPort(port);
        connector.setAcceptQueueSize(200);
        server.addConnector(connector);
        try {
            connector.open();
        } catch (IOException e) {
            // Jetty wraps the BindException of a port in use.
            if (e instanceof java.net.BindException || e.getCause() instanceof java.net.BindException) {
                throw new IllegalArgumentException("port " + port + " is already in use (another local API?): stop it,"
                        + " or set ROSTER_PORT to a free port");
            }
            throw e;
        }
        return new LocalHttpServer(server, connector);
    }

    /**
     * Starts answering with {@code exchange}.
     *
     * @param maxBody bytes of body read; one more is read, so that {@code exchange} can tell an oversized body
     */
    void start(JsonMapper json, int maxBody, Cors cors, Exchange exchange) throws Exception {
        ProblemAnswers problems = new ProblemAnswers(json);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                String requestId = UUID.randomUUID().toString();
                String origin = request.getHeaders().get("Origin");
                HttpApiEventFactory.Outgoing out;
                try {
                    HttpApiEventFactory.Incoming in = incoming(request, maxBody, requestId);
                    out = cors.isPreflight(in) ? cors.preflight(in) : exchange.answer(in);
                } catch (RosterException e) {
                    out = problems.answer(e, requestId);
                } catch (IOException | RuntimeException e) {
                    LOG.error("Local API failure", e);
                    // What API Gateway answers when the integration fails: nothing of the cause.
                    out = new HttpApiEventFactory.Outgoing(500, Map.of("Content-Type", "application/json"),
                            "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8));
                }
                send(response, cors.decorate(out, origin), requestId, callback);
                return true;
            }
        });
        server.setErrorHandler(problems);
        server.start();
    }

    int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("The local API's listener did not stop cleanly: {}", e.getMessage());
        }
    }

    private static HttpApiEventFactory.Incoming incoming(Request request, int maxBody, String requestId) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), k -> new ArrayList<>()).add(field.getValue());
        }
        return new HttpApiEventFactory.Incoming(request.getMethod(), request.getHttpURI().getPath(),
                request.getHttpURI().getQuery(), headers, body(request, maxBody), Request.getRemoteAddr(request), requestId);
    }

    private static byte[] body(Request request, int maxBody) {
        try (InputStream in = Request.asInputStream(request)) {
            return in.readNBytes(maxBody + 1);
        } catch (IOException e) {
            throw unreadableBody();
        } catch (RuntimeException e) {
            // Jetty reports a body it cannot parse (broken chunked encoding, say) as a runtime HttpException.
            if (e instanceof HttpException) {
                throw unreadableBody();
            }
            throw e;
        }
    }

    private static RosterException unreadableBody() {
        return new RosterException(ErrorCode.MALFORMED_REQUEST, "The request body could not be read.");
    }

    private static void send(Response response, HttpApiEventFactory.Outgoing out, String requestId, Callback callback) {
        response.setStatus(out.status());
        out.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        response.getHeaders().put("apigw-requestid", requestId);
        boolean empty = out.body().length == 0 || out.status() == 204;
        response.write(true, empty ? null : ByteBuffer.wrap(out.body()), callback);
    }

    /**
     * Problems the listener answers itself: for requests it could not read, and as Jetty's error handler, so even
     * a request Jetty refuses before any handler runs gets problem+json rather than Jetty's HTML page.
     */
    private static final class ProblemAnswers extends ErrorHandler {

        private final JsonMapper json;

        ProblemAnswers(JsonMapper json) {
            this.json = json;
        }

        HttpApiEventFactory.Outgoing answer(RosterException e, String requestId) {
            return new HttpApiEventFactory.Outgoing(e.code().status(), Map.of("Content-Type", "application/problem+json"),
                    body(e, requestId));
        }

        private byte[] body(RosterException e, String requestId) {
            try {
                return json.writeValueAsBytes(Problems.of(e, requestId));
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
        }

        /** A request line or headers Jetty could not parse: the client's fault, whatever status Jetty had in mind. */
        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            RosterException e = unreadable(status);
            String requestId = UUID.randomUUID().toString();
            fields.put(HttpHeader.CONTENT_TYPE, "application/problem+json");
            fields.put("apigw-requestid", requestId);
            return ByteBuffer.wrap(body(e, requestId));
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Object status = request.getAttribute(ERROR_STATUS);
            int code = status instanceof Integer s ? s : 500;
            Throwable cause = request.getAttribute(ERROR_EXCEPTION) instanceof Throwable t ? t : null;
            // Jetty reports a request it could not parse (an unknown HTTP version is its 505) as an HttpException.
            boolean clientsFault = code < 500 || cause instanceof HttpException;
            if (!clientsFault) {
                LOG.error("Local API listener failure {}", code, cause);
            }
            RosterException e = clientsFault ? unreadable(code) : Problems.unexpected(cause);
            String requestId = UUID.randomUUID().toString();
            send(response, answer(e, requestId), requestId, callback);
            return true;
        }

        private static RosterException unreadable(int status) {
            return switch (status) {
                case 414 -> new RosterException(ErrorCode.URI_TOO_LONG, "The request line is longer than "
                        + MAX_HEADER_BYTES + " bytes.");
                case 431 -> new RosterException(ErrorCode.HEADERS_TOO_LARGE, "The request line and headers are longer than "
                        + MAX_HEADER_BYTES + " bytes.");
                default -> new RosterException(ErrorCode.MALFORMED_REQUEST, "The request is not well-formed HTTP.");
            };
        }
    }
}
