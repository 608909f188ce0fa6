package io.taskapi.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskapi.application.conformance.ApiExchange;
import io.taskapi.deployment.runtime.LambdaJavaRuntime;
import io.taskapi.deployment.runtime.LambdaRuntimeApi;
import io.taskapi.dynamodb.testing.SharedDynalite;
import io.taskapi.lambda.testing.ProxyEventFixtures;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The custom runtime's jlinked JDK speaks TLS as the function must on AWS, where every DynamoDB endpoint is HTTPS and
 * the conformance suite's engines speak plain HTTP: the packaged function reaches dynalite through a TLS endpoint of
 * this test's (a certificate made here for 127.0.0.1, trusted through {@code javax.net.ssl.trustStore}), and the
 * image's own trust store holds the roots that Amazon's endpoints chain to. Skipped, saying so, where no JDK 25 built
 * the package.
 */
class PackagedCustomRuntimeTlsIT {
    private static final String PASSWORD = "changeit";

    @RegisterExtension
    static final SharedDynalite DYNALITE = new SharedDynalite();

    @TempDir
    Path keys;

    @Test
    void theImageTrustsTheRootsAmazonsEndpointsChainTo() throws Exception {
        Path cacerts = CustomRuntimePackage.taskRoot().resolve("jre/lib/security/cacerts");
        KeyStore trusted = KeyStore.getInstance(cacerts.toFile(), PASSWORD.toCharArray());
        List<String> subjects = new ArrayList<>();
        for (String alias : Collections.list(trusted.aliases())) {
            subjects.add(((X509Certificate) trusted.getCertificate(alias)).getSubjectX500Principal().getName());
        }

        assertThat(subjects).anySatisfy(subject -> assertThat(subject).startsWith("CN=Amazon Root CA 1,"))
                .anySatisfy(subject -> assertThat(subject)
                        .startsWith("CN=Starfield Services Root Certificate Authority - G2,"));
    }

    @Test
    void theFunctionReadsAndWritesDynamoDbOverTls() throws Exception {
        Path root = CustomRuntimePackage.taskRoot();
        Path keyStore = keys.resolve("endpoint.p12");
        Path trustStore = keys.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "endpoint", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", keyStore.toString());
        keytool("-exportcert", "-alias", "endpoint", "-keystore", keyStore.toString(), "-file",
                keys.resolve("endpoint.cer").toString());
        keytool("-importcert", "-noprompt", "-alias", "endpoint", "-file", keys.resolve("endpoint.cer").toString(),
                "-keystore", trustStore.toString());
        DYNALITE.engine().recreateTable(PackagedFunctionConformance.TABLE);

        try (TlsRelay relay = new TlsRelay(keyStore, DYNALITE.engine().endpoint());
             LambdaRuntimeApi api = LambdaRuntimeApi.start(
                     "arn:aws:lambda:us-east-1:123456789012:function:task-api-tls", TerraformFunction.timeout());
             LambdaJavaRuntime runtime = LambdaJavaRuntime.startCustom(root,
                     PackagedFunctionConformance.function(Map.of(
                             "AWS_ENDPOINT_URL_DYNAMODB", "https://127.0.0.1:" + relay.port(),
                             // Never called by these requests; a port nothing listens on.
                             "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9")),
                     api, "custom-runtime-tls.log", PackagedCustomRuntimeConformanceIT.STRICT_CACHE
                             + " -Djavax.net.ssl.trustStore=" + trustStore
                             + " -Djavax.net.ssl.trustStorePassword=" + PASSWORD)) {
            assertThat(api.awaitInit(Duration.ofSeconds(60))).as(runtime.logTail(40)).isTrue();

            ApiExchange created = invoke(api, "POST", "/tasks", "{\"task\":\"Over TLS\",\"priority\":\"high\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String id = created.body().substring(created.body().indexOf("\"id\":\"") + 6).substring(0, 36);
            ApiExchange read = invoke(api, "GET", "/tasks/" + id, null);

            assertThat(read.status()).as(read.body()).isEqualTo(200);
            assertThat(read.body()).contains("\"task\":\"Over TLS\"");
            // Every connection the function made was TLS 1.3, and it made at least one.
            assertThat(relay.protocols()).containsExactly("TLSv1.3");
        }
    }

    private static ApiExchange invoke(LambdaRuntimeApi api, String method, String path, String body)
            throws Exception {
        byte[] event = ProxyEventFixtures.restApiEvent(method, path,
                body == null ? Map.of() : Map.of("Content-Type", "application/json"),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), "alice").toString()
                .getBytes(StandardCharsets.UTF_8);
        LambdaRuntimeApi.Outcome outcome = api.invoke(event, TerraformFunction.timeout());
        assertThat(outcome.isError()).as(outcome.body()).isFalse();
        return ProxyEventFixtures.response(outcome.body(), method);
    }

    private void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(keys.resolve("keytool.log").toFile()).start();
        assertThat(process.waitFor()).as("keytool " + String.join(" ", arguments)).isZero();
    }

    /** A TLS endpoint on 127.0.0.1 that passes each connection on to a plain HTTP one, noting its TLS protocol. */
    private static final class TlsRelay implements AutoCloseable {
        private final SSLServerSocket server;
        private final InetSocketAddress target;
        private final Set<String> protocols = ConcurrentHashMap.newKeySet();

        TlsRelay(Path keyStore, URI target) throws Exception {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = new FileInputStream(keyStore.toFile())) {
                keys.load(in, PASSWORD.toCharArray());
            }
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(keys, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(managers.getKeyManagers(), null, null);
            this.server = (SSLServerSocket) context.getServerSocketFactory()
                    .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.target = new InetSocketAddress(target.getHost(), target.getPort());
            daemon("tls-relay", this::accept);
        }

        int port() {
            return server.getLocalPort();
        }

        /** The protocol of every connection that completed its handshake. */
        Set<String> protocols() {
            return protocols;
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    SSLSocket client = (SSLSocket) server.accept();
                    daemon("tls-relay-connection", () -> relay(client));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void relay(SSLSocket client) {
            Socket upstream;
            try {
                client.startHandshake();
                protocols.add(client.getSession().getProtocol());
                upstream = new Socket(target.getAddress(), target.getPort());
            } catch (IOException failed) {
                closeQuietly(client);
                return;
            }
            daemon("tls-relay-back", () -> pump(upstream, client));
            pump(client, upstream);
        }

        /** Copies one direction until either side ends; then the connection is over, both ways. */
        private static void pump(Socket from, Socket to) {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
            } catch (IOException ended) {
                // Either side closed.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing is all that was asked.
            }
        }

        private static void daemon(String name, Runnable task) {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
