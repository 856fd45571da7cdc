package io.gatehouse.client;

import io.gatehouse.api.Errors;
import io.gatehouse.client.description.MessageDescription;
import io.gatehouse.client.description.MethodDescription;
import io.gatehouse.client.description.ServerDescription;
import io.gatehouse.client.description.ServiceDescription;
import io.gatehouse.testpki.DevPki;

import jakarta.json.Json;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** describe and services against a real HTTPS server with the description routes. */
class DescriptionsTest {

    @TempDir
    static Path pki;

    static FakeGatehouse server;
    static FakeDescriptions descriptions = new FakeDescriptions();

    @BeforeAll
    static void start() throws Exception {
        DevPki.generate(pki, List.of("alice"), false, false);
        server = FakeGatehouse.start(pki);
        server.serve("/", descriptions);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void clear() {
        server.reset();
    }

    static GatehouseClient client(String... paths) {
        return builder(paths).credentials(ClientCredentials.proxyFile(pki.resolve("users/alice/proxy.pem"))).build();
    }

    static GatehouseClient visitor(String... paths) {
        return builder(paths).build();
    }

    private static GatehouseClient.Builder builder(String... paths) {
        GatehouseClient.Builder builder = GatehouseClient.builder()
                .trust(ClientTrust.caDirectory(pki.resolve("certificates")))
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(10));
        for (String path : paths) {
            builder.url(path.startsWith("https:") ? path : server.url(path));
        }
        return builder;
    }

    @Test
    void describeBindsEveryPartOfTheDescription() {
        try (GatehouseClient client = client("/Test/Described")) {
            ServiceDescription service = client.describe();
            assertEquals("Test/Described", service.name());
            assertTrue(service.doc().startsWith("A service to describe."));
            assertTrue(service.complete());
            assertEquals(List.of("getFile", "put", "sayHello", "ping"),
                    service.methods().stream().map(MethodDescription::name).toList());

            MethodDescription getFile = service.methods().get(0);
            assertEquals("getFile(path: string) -> file", getFile.signature());
            assertEquals(List.of("NormalUser", "TrustedHost"), getFile.auth());
            assertEquals("configuration", getFile.authSource());
            assertFalse(getFile.callable());
            assertFalse(getFile.builtin());
            assertEquals("download", getFile.transfer());
            assertEquals("path", getFile.parameters().get(0).name());
            assertEquals("Where it is.", getFile.parameters().get(0).doc());
            assertEquals(Json.createObjectBuilder().add("type", "string").build(),
                    getFile.parameters().get(0).schema());
            assertEquals("file", getFile.returns().type());

            MethodDescription put = service.methods().get(1);
            assertTrue(put.parameters().get(1).optional());
            assertTrue(put.parameters().get(1).nullable());
            assertEquals("upload", put.transfer());

            MethodDescription ping = service.methods().get(3);
            assertTrue(ping.builtin());
            assertEquals(List.of(), ping.auth());
            assertEquals("Is the service alive?", ping.doc());
            assertNull(ping.returns().doc());

            MessageDescription post = service.messages().get(0);
            assertEquals("Post", post.name());
            assertTrue(post.received());
            assertEquals("text", post.fields().get(0).name());
            assertEquals("string", post.fields().get(0).type());
            assertEquals("What is said.", post.fields().get(0).doc());
            assertFalse(service.messages().get(1).received());
        }
        FakeDescriptions.Request request = descriptions.last();
        assertEquals("GET", request.method());
        assertEquals("/Test/Described", request.path());
        assertEquals("application/json", request.accept());
        assertTrue(request.withCertificate());
    }

    @Test
    void theRawReplyHoldsTheServedValue() {
        try (GatehouseClient client = client("/Test/Described")) {
            CallResult result = client.describeResult();
            assertTrue(result.ok(), result::toString);
            assertEquals(FakeDescriptions.described(), result.value());
            assertEquals(200, result.httpStatus());
        }
    }

    @Test
    void anotherServiceIsDescribedBesideTheClientsUrl() {
        try (GatehouseClient client = client("/Test/Described")) {
            ServiceDescription visitor = client.describe("Test/Visitor");
            assertEquals("Test/Visitor", visitor.name());
            assertEquals("/Test/Visitor", descriptions.last().path());
            assertNull(visitor.messages());
        }
    }

    @Test
    void aVisitorSeesAnIncompleteDescription() {
        try (GatehouseClient member = client("/Test/Visitor"); GatehouseClient visitor = visitor("/Test/Visitor")) {
            ServiceDescription full = member.describe();
            assertTrue(full.complete());
            assertEquals(2, full.methods().size());
            ServiceDescription partial = visitor.describe();
            assertFalse(partial.complete());
            assertEquals(List.of("ping"), partial.methods().stream().map(MethodDescription::name).toList());
            assertFalse(descriptions.last().withCertificate());
        }
    }

    @Test
    void servicesListsTheServersServicesFromAnyServiceUrlOrTheRoot() {
        for (String url : List.of("/Framework/Hello", "/", "")) {
            try (GatehouseClient client = client(url)) {
                ServerDescription server = client.services();
                assertEquals("Gatehouse 0.1.0-test", server.server());
                assertEquals(List.of("Framework/Hello", "Test/Described"),
                        server.services().stream().map(ServerDescription.ServiceEntry::name).toList());
                assertNull(server.services().get(1).doc());
                assertEquals("/", descriptions.last().path(), url);
            }
        }
    }

    @Test
    void membersThisClientDoesNotKnowAreSkipped() {
        try (GatehouseClient client = client("/Test/Newer")) {
            ServiceDescription newer = client.describe();
            assertEquals("Test/Newer", newer.name());
            assertEquals("sayHello", newer.methods().get(0).name());
        }
    }

    @Test
    void anUnknownServiceIsA404WithTheServersMessage() {
        try (GatehouseClient client = client("/Framework/Hello")) {
            CallException e = assertThrows(CallException.class, () -> client.describe("No/Such"));
            assertEquals(404, e.httpStatus());
            assertEquals(Errors.ENOENT, e.errno());
            assertTrue(e.getMessage().contains("Unknown service No/Such"), e.getMessage());
            assertEquals(URI.create(server.url("/No/Such")), e.url());
        }
    }

    @Test
    void aRefusalIsEacces() {
        try (GatehouseClient client = visitor("/Test/Private")) {
            CallException e = assertThrows(CallException.class, client::describe);
            assertEquals(401, e.httpStatus());
            assertEquals(Errors.EACCES, e.errno());
            assertTrue(e.getMessage().contains("a certificate is needed"), e.getMessage());
        }
        try (GatehouseClient client = client("/Test/Private")) {
            assertEquals("Test/Described", client.describe().name());
        }
    }

    @Test
    void aBusyUrlFailsOverToTheNext() throws Exception {
        try (GatehouseClient client = client("/Busy/Service", "/Test/Described")) {
            // Each URL names its own service: the second one's is described.
            assertEquals("Test/Described", client.describe().name());
            assertEquals(1, server.countOn("/Busy/Service"), "the 503 was asked first");
            assertEquals("/Test/Described", descriptions.last().path());
        }
        String closed = "https://localhost:" + closedPort() + "/Test/Described";
        try (GatehouseClient client = client(closed, "/Test/Described")) {
            assertEquals("Test/Described", client.describe().name());
        }
    }

    @Test
    void oversizedRepliesAreRefusedWithoutReadingThem() {
        for (String path : List.of("/Test/Endless", "/Test/Declared", "/Test/Bomb")) {
            try (GatehouseClient client = client(path)) {
                CallException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                        () -> assertThrows(CallException.class, client::describe), path);
                assertEquals(Errors.EFBIG, e.errno(), path);
                assertEquals(200, e.httpStatus(), path);
                assertTrue(e.getMessage().contains("larger than 8 MiB"), e.getMessage());
            }
        }
    }

    @Test
    void repliesThatAreNotDescriptionsSaySo() {
        try (GatehouseClient client = client("/Test/NotJson")) {
            CallException e = assertThrows(CallException.class, client::describe);
            assertTrue(e.getMessage().contains("not DIRAC's S_OK/S_ERROR JSON"), e.getMessage());
            assertTrue(e.getMessage().contains("Welcome to nginx"), e.getMessage());
        }
        try (GatehouseClient client = client("/Test/NotDescription")) {
            CallException e = assertThrows(CallException.class, client::describe);
            assertEquals(Errors.EIO, e.errno());
            assertTrue(e.getMessage().contains("is not a service description: its value is string"),
                    e.getMessage());
        }
    }

    @Test
    void aSlowServerTimesOut() {
        try (GatehouseClient client = builder("/Test/Slow").connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(1)).build()) {
            long start = System.nanoTime();
            CallResult result = client.describeResult();
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertFalse(result.ok());
            assertEquals(Errors.ETIMEDOUT, result.errno(), result::toString);
            // The whole exchange within the connect and read timeouts together; the server takes 6 s.
            assertTrue(millis < 5000, millis + " ms");
            assertTrue(result.message().contains("no reply from " + server.url("/Test/Slow") + " within 3 s"),
                    result::toString);
        }
    }

    @Test
    void serviceNamesAndUrlsAreChecked() {
        int before = descriptions.requests().size();
        try (GatehouseClient client = client("/Framework/Hello")) {
            for (String bad : List.of("Framework", "a/b/c", "../x", "./x", "Framework/", "/Hello", "Fr amework/Hello",
                    "Framework/Hello?x=1", "Framework/%2e%2e")) {
                assertThrows(IllegalArgumentException.class, () -> client.describe(bad), bad);
            }
        }
        try (GatehouseClient root = client("/")) {
            IllegalStateException e = assertThrows(IllegalStateException.class, root::describe);
            assertTrue(e.getMessage().contains("names no service"), e.getMessage());
        }
        GatehouseClient closed = client("/Test/Described");
        closed.close();
        assertThrows(IllegalStateException.class, closed::describe);
        assertEquals(before, descriptions.requests().size(), "no request went out");
    }

    static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void theRootIsTheUrlWithoutItsSystemAndComponent() {
        assertEquals(URI.create("https://h:8443/"), Descriptions.root(URI.create("https://h:8443/Framework/Hello")));
        assertEquals(URI.create("https://h:8443/"), Descriptions.root(URI.create("https://h:8443")));
        assertEquals(URI.create("https://h:8443/gh/"),
                Descriptions.root(URI.create("https://h:8443/gh/Framework/Hello/")));
        assertEquals(URI.create("https://h:8443/gh/Test/Types"),
                Descriptions.service(URI.create("https://h:8443/gh/Framework/Hello"), "Test/Types"));
    }
}
