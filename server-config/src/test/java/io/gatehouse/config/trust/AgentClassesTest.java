package io.gatehouse.config.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The module's classes are what its jar, the Java agent on every production server's system class path, carries:
 * the trust manager alone, never the development PKI or test code.
 */
class AgentClassesTest {

    @Test
    void theAgentJarHoldsTheTrustManagerAlone() throws Exception {
        Path classes = Path.of(GridTrustAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(classes), "run from the module's compiled classes: " + classes);
        List<String> outside;
        try (Stream<Path> files = Files.walk(classes)) {
            outside = files.filter(Files::isRegularFile)
                    .map(file -> classes.relativize(file).toString().replace('\\', '/'))
                    .filter(name -> name.endsWith(".class") && !name.startsWith("io/gatehouse/config/trust/"))
                    .toList();
        }
        assertEquals(List.of(), outside);
    }
}
