package dev.roster.local;

import dev.roster.core.store.TableDefinition;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** DynamoDB Local, the real engine, in this JVM: persisted under a directory, or in memory for tests. */
public final class EmbeddedDynamo implements AutoCloseable {

    private final DynamoDBProxyServer server;
    private final URI endpoint;

    private EmbeddedDynamo(DynamoDBProxyServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /** @param directory where tables persist, or null for in-memory */
    public static EmbeddedDynamo start(Path directory) throws Exception {
        int port = freePort();
        // -sharedDb: one database whatever credentials and region a client presents, as a real account has.
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(port), "-disableTelemetry", "-sharedDb"));
        if (directory == null) {
            args.add("-inMemory");
        } else {
            Files.createDirectories(directory);
            args.addAll(List.of("-dbPath", directory.toString()));
        }
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
        server.start();
        return new EmbeddedDynamo(server, URI.create("http://localhost:" + port));
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Creates the table as template.yaml declares it, unless it exists already. */
    public void ensureTable(String name) {
        ensureTableAt(endpoint, name);
    }

    /** The same, at another endpoint such as LocalStack's. */
    public static void ensureTableAt(URI endpoint, String name) {
        try (DynamoDbClient client = DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            try {
                client.describeTable(b -> b.tableName(name));
            } catch (ResourceNotFoundException absent) {
                client.createTable(TableDefinition.createTableRequest(name));
            }
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
