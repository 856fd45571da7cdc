package io.gatehouse.api.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HandlerDocsProcessorTest {

    private static final String HELLO = """
            package demo;

            import io.gatehouse.api.Export;
            import io.gatehouse.api.Handler;
            import java.util.List;

            /**
             * Greets people.
             *
             * <p>Knows {@code List<String>} and {@link Object#toString() labels}, see {@link java.util.Map#get}.
             * @author nobody
             * @since 1
             */
            @Handler("Demo/Hello")
            public class Hello {

                /**
                 * Greets one caller; an @ inside a line is text.
                 * @param name who to greet, {@code ""} for the caller
                 * @return the greeting
                 * @throws IllegalStateException never
                 */
                @Export(auth = "all")
                public String greet(String name) {
                    return name;
                }

                /**
                 * Greets several,
                 * each once.
                 *
                 * @param names everyone
                 * @param times how often
                 * @param unknown not a parameter
                 */
                @Export(name = "greetAll")
                public String greet(List<String> names, int times) {
                    return "";
                }

                /** Greets {@literal <}bytes{@literal >}. */
                @Export
                public String greet(byte[] raw) {
                    return "";
                }

                @Export
                public void undocumented(String text) {
                }

                /** Not exported, so not recorded. */
                public void helper() {
                }

                /** {@return the time of day} */
                @Export
                public long now() {
                    return 0;
                }

                /**
                 * Measures.
                 * @param origin where from
                 * @param <T> a type parameter, which has no place in a description
                 */
                @Export
                public <T extends Point> int[] norm(T origin, Point[] more, Point.Axis axis) {
                    return new int[0];
                }

                /**
                 * A point.
                 * @param x across
                 */
                public record Point(int x) {
                    public enum Axis { X }
                }
            }
            """;

    @TempDir
    Path temp;

    private static List<Processor> docs() {
        return List.of(new HandlerDocsProcessor());
    }

    @Test
    void recordsClassMethodsParametersAndReturns() throws IOException {
        Compilation compilation = Compilation.compile(temp, Map.of("demo/Hello.java", HELLO), docs());
        compilation.assertQuiet();
        Properties docs = compilation.docs("demo.Hello").orElseThrow();
        Map<String, String> expected = new TreeMap<>();
        expected.put("class", "Greets people.\n\nKnows List<String> and labels, see Map#get.");
        expected.put("method.greet(java.lang.String)", "Greets one caller; an @ inside a line is text.");
        expected.put("method.greet(java.lang.String).param.name", "who to greet, \"\" for the caller");
        expected.put("method.greet(java.lang.String).return", "the greeting");
        expected.put("method.greet(java.util.List,int)", "Greets several, each once.");
        expected.put("method.greet(java.util.List,int).param.names", "everyone");
        expected.put("method.greet(java.util.List,int).param.times", "how often");
        expected.put("method.greet(byte[])", "Greets <bytes>.");
        expected.put("method.now()", "Returns the time of day.");
        expected.put("method.now().return", "the time of day");
        expected.put("method.norm(demo.Hello$Point,demo.Hello$Point[],demo.Hello$Point$Axis)", "Measures.");
        expected.put("method.norm(demo.Hello$Point,demo.Hello$Point[],demo.Hello$Point$Axis).param.origin",
                "where from");
        assertEquals(expected, new TreeMap<>(docs));
        // the nested record is no message of the handler: not recorded
        assertEquals(List.of("demo.Hello.properties"), compilation.docResources());
    }

    @Test
    void theReaderFindsEachOverloadThroughTheClassLoader() throws Exception {
        Compilation compilation = Compilation.compile(temp, Map.of("demo/Hello.java", HELLO), docs());
        try (URLClassLoader loader = compilation.classLoader()) {
            Class<?> hello = loader.loadClass("demo.Hello");
            HandlerDocs docs = HandlerDocs.of(hello);
            assertTrue(docs.type().orElseThrow().startsWith("Greets people."));

            Method one = hello.getMethod("greet", String.class);
            Method several = hello.getMethod("greet", List.class, int.class);
            Method raw = hello.getMethod("greet", byte[].class);
            assertEquals(Optional.of("Greets one caller; an @ inside a line is text."), docs.method(one));
            assertEquals(Optional.of("Greets several, each once."), docs.method(several));
            assertEquals(Optional.of("Greets <bytes>."), docs.method(raw));
            assertEquals(Optional.of("who to greet, \"\" for the caller"), docs.parameter(one, "name"));
            assertEquals(Optional.of("how often"), docs.parameter(several, "times"));
            assertEquals(Optional.empty(), docs.parameter(several, "unknown"));
            assertEquals(Optional.empty(), docs.parameter(one, "names"), "another overload's parameter");
            assertEquals(Optional.of("the greeting"), docs.returns(one));
            assertEquals(Optional.empty(), docs.returns(several));

            Method undocumented = hello.getMethod("undocumented", String.class);
            assertEquals(Optional.empty(), docs.method(undocumented));
            assertEquals(Optional.empty(), docs.parameter(undocumented, "text"));
            assertEquals(Optional.empty(), docs.method(hello.getMethod("helper")), "not exported");

            Class<?> point = loader.loadClass("demo.Hello$Point");
            Class<?> axis = loader.loadClass("demo.Hello$Point$Axis");
            Method norm = hello.getMethod("norm", point, point.arrayType(), axis);
            assertEquals(Optional.of("Measures."), docs.method(norm));
            assertEquals(Optional.of("where from"), docs.parameter(norm, "origin"));
            assertEquals(Optional.empty(), docs.parameter(norm, "T"));

            assertEquals(Optional.empty(), HandlerDocs.of(point).type(), "no resource: no docs");
            assertEquals(Optional.empty(), HandlerDocs.of(point).component("x"));
            assertTrue(HandlerDocs.of(hello) == docs, "read once per class");
        }
    }

    @Test
    void theReaderFindsTheDocsInAJar() throws Exception {
        Compilation compilation = Compilation.compile(temp.resolve("compiled"), Map.of("demo/Hello.java", HELLO),
                docs());
        // as a handler module in an EAR's lib/ is
        Path jar = temp.resolve("handlers.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(compilation.output())) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String name = compilation.output().relativize(file).toString().replace(File.separatorChar, '/');
                out.putNextEntry(new JarEntry(name));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                HandlerDocsProcessorTest.class.getClassLoader())) {
            Class<?> hello = loader.loadClass("demo.Hello");
            assertEquals(Optional.of("the greeting"), HandlerDocs.of(hello).returns(hello.getMethod("greet",
                    String.class)));
        }
    }

    @Test
    void messageRecordsKeepTheirComponentsDocs() throws Exception {
        String chat = """
                package demo;

                import io.gatehouse.api.Handler;
                import io.gatehouse.api.messaging.Messages;

                /** A chat room. */
                @Handler("Demo/Chat")
                @Messages({Chat.Post.class, Notice.class, Chat.Bare.class})
                public class Chat {

                    /**
                     * A post in the room.
                     *
                     * @param text what was said
                     * @param from who said it, {@link Chat}
                     */
                    public record Post(String text, String from) {
                    }

                    public record Bare(int n) {
                    }
                }
                """;
        String notice = """
                package demo;

                /**
                 * A notice to everyone.
                 * @param level how loud
                 */
                public record Notice(int level) {
                }
                """;
        // a second handler naming the same message: still one resource, written once
        String echo = """
                package demo;

                import io.gatehouse.api.Handler;
                import io.gatehouse.api.messaging.Messages;

                @Handler("Demo/Echo")
                @Messages(Notice.class)
                public class Echo {
                }
                """;
        Compilation compilation = Compilation.compile(temp,
                Map.of("demo/Chat.java", chat, "demo/Notice.java", notice, "demo/Echo.java", echo), docs());
        compilation.assertQuiet();
        assertEquals(List.of("demo.Chat$Bare.properties", "demo.Chat$Post.properties", "demo.Chat.properties",
                "demo.Echo.properties", "demo.Notice.properties"), compilation.docResources());
        assertEquals(Map.of("class", "A post in the room.", "component.text", "what was said",
                "component.from", "who said it, Chat"), compilation.docs("demo.Chat$Post").orElseThrow());
        assertEquals(Map.of(), compilation.docs("demo.Echo").orElseThrow(), "a handler without comments");
        assertEquals(Map.of(), compilation.docs("demo.Chat$Bare").orElseThrow());

        try (URLClassLoader loader = compilation.classLoader()) {
            HandlerDocs notices = HandlerDocs.of(loader.loadClass("demo.Notice"));
            assertEquals(Optional.of("A notice to everyone."), notices.type());
            assertEquals(Optional.of("how loud"), notices.component("level"));
            assertEquals(Optional.empty(), notices.component("volume"));
            assertEquals(Optional.of("A chat room."), HandlerDocs.of(loader.loadClass("demo.Chat")).type());
        }
    }

    @Test
    void aClassThatIsNoHandlerGetsNothing() throws IOException {
        String plain = """
                package demo;

                import io.gatehouse.api.Export;

                /** Looks like a service, is none. */
                public class Plain {
                    /** Exported, but not in a handler. */
                    @Export
                    public String call(String x) {
                        return x;
                    }
                }
                """;
        Compilation compilation = Compilation.compile(temp, Map.of("demo/Plain.java", plain), docs());
        compilation.assertQuiet();
        assertEquals(List.of(), compilation.docResources());
    }

    @Test
    void inheritedExportedMethodsAreDocumentedWithTheirClass() throws Exception {
        String base = """
                package demo;

                import io.gatehouse.api.Export;

                /** Shared methods. */
                public abstract class Base {
                    /**
                     * Says what it is.
                     * @return its name
                     */
                    @Export
                    public String identify() {
                        return "";
                    }
                }
                """;
        String derived = """
                package demo;

                import io.gatehouse.api.Handler;

                /** A service built on Base. */
                @Handler("Demo/Derived")
                public class Derived extends Base {
                }
                """;
        Compilation compilation = Compilation.compile(temp,
                Map.of("demo/Base.java", base, "demo/Derived.java", derived), docs());
        compilation.assertQuiet();
        assertEquals(List.of("demo.Base.properties", "demo.Derived.properties"), compilation.docResources());
        try (URLClassLoader loader = compilation.classLoader()) {
            Class<?> type = loader.loadClass("demo.Derived");
            Method identify = type.getMethod("identify");
            HandlerDocs docs = HandlerDocs.of(type);
            assertEquals(Optional.of("A service built on Base."), docs.type());
            assertEquals(Optional.of("Says what it is."), docs.method(identify), "looked up in the declaring class");
            assertEquals(Optional.of("its name"), docs.returns(identify));
        }
    }

    @Test
    void classesFromAnotherCompilationAreNotCopied() throws Exception {
        String base = """
                package lib;

                import io.gatehouse.api.Export;

                /** In a library. */
                public abstract class Base {
                    /** From the library. */
                    @Export
                    public String identify() {
                        return "";
                    }

                    /** A message from the library. */
                    public record Hint(String text) {
                    }
                }
                """;
        Compilation library = Compilation.compile(temp.resolve("library"), Map.of("lib/Base.java", base), docs());
        assertEquals(List.of(), library.docResources(), "no handler in the library");
        String derived = """
                package demo;

                import io.gatehouse.api.Handler;
                import io.gatehouse.api.messaging.Messages;

                /** Built on the library. */
                @Handler("Demo/Derived")
                @Messages(lib.Base.Hint.class)
                public class Derived extends lib.Base {
                }
                """;
        Compilation compilation = Compilation.compile(temp.resolve("service"), Map.of("demo/Derived.java", derived),
                docs(), library.output());
        compilation.assertQuiet();
        assertEquals(List.of("demo.Derived.properties"), compilation.docResources());
    }

    @Test
    void typesGeneratedInALaterRoundAreWaitedFor() throws Exception {
        String handler = """
                package demo;

                import io.gatehouse.api.Export;
                import io.gatehouse.api.Handler;
                import io.gatehouse.api.messaging.Messages;

                @Handler("Demo/Late")
                @Messages(Generated.class)
                public class Late {
                    /**
                     * Takes a generated type.
                     * @param value made by another processor
                     */
                    @Export
                    public void take(Generated value, Generated[] more) {
                    }
                }
                """;
        Compilation compilation = Compilation.compile(temp, Map.of("demo/Late.java", handler),
                List.of(new GeneratingProcessor(), new HandlerDocsProcessor()));
        compilation.assertQuiet();
        assertEquals(Map.of("method.take(demo.Generated,demo.Generated[])", "Takes a generated type.",
                        "method.take(demo.Generated,demo.Generated[]).param.value", "made by another processor"),
                compilation.docs("demo.Late").orElseThrow());
        assertEquals(Map.of("class", "Made in the first round.", "component.id", "its number"),
                compilation.docs("demo.Generated").orElseThrow());
    }

    @Test
    void aMalformedCommentDoesNotBreakTheBuild() throws Exception {
        String broken = """
                package demo;

                import io.gatehouse.api.Export;
                import io.gatehouse.api.Handler;

                /** Starts {@code {@link} } }} {@code never closed <p> &bogus; */
                @Handler("Demo/Broken")
                public class Broken {
                    /**
                     * Odd @ text {@link
                     * @param
                     * @return
                     * @param x {@code {nested} x} &#99999999; &#0;
                     * @
                     */
                    @Export
                    public int odd(int x) {
                        return x;
                    }
                }
                """;
        Compilation compilation = Compilation.compile(temp, Map.of("demo/Broken.java", broken), docs());
        compilation.assertQuiet();
        Properties docs = compilation.docs("demo.Broken").orElseThrow();
        assertEquals("Starts {@link} }} never closed <p> &bogus;", docs.getProperty("class"));
        assertEquals("Odd @ text", docs.getProperty("method.odd(int)"), "the unclosed link ends with its block");
        assertEquals("{nested} x &#99999999; &#0; @", docs.getProperty("method.odd(int).param.x"),
                "no block tag without a name");
        assertEquals(null, docs.getProperty("method.odd(int).return"));
    }

    @Test
    void javacFindsTheProcessorOnTheClassPath() {
        assertTrue(ServiceLoader.load(Processor.class, HandlerDocsProcessor.class.getClassLoader()).stream()
                .anyMatch(provider -> provider.type() == HandlerDocsProcessor.class));
        assertEquals(SourceVersion.latestSupported(), new HandlerDocsProcessor().getSupportedSourceVersion());
    }

    @Test
    void classesWithoutDocumentationHaveNone() throws Exception {
        assertEquals(Optional.empty(), HandlerDocs.of(String.class).type(), "a class of the JDK");
        assertEquals(Optional.empty(), HandlerDocs.of(int.class).type());
        HandlerDocs own = HandlerDocs.of(HandlerDocsProcessorTest.class);
        Method method = HandlerDocsProcessorTest.class.getDeclaredMethod("docs");
        assertEquals(Optional.empty(), own.method(method));
        assertEquals(Optional.empty(), own.returns(method));
    }

    /** Another processor generating, in the first round, a record that a handler already names. */
    @SupportedAnnotationTypes("io.gatehouse.api.Handler")
    static final class GeneratingProcessor extends AbstractProcessor {

        private boolean generated;

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (!generated) {
                generated = true;
                try (Writer source = processingEnv.getFiler().createSourceFile("demo.Generated").openWriter()) {
                    source.write("""
                            package demo;

                            /**
                             * Made in the first round.
                             * @param id its number
                             */
                            public record Generated(int id) {
                            }
                            """);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return false;
        }
    }
}
