package io.croupier.commission.commissioning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README promises a test named after every {@link Rule}: a rule added without one fails here. A test is named
 * after a rule when its method name, ignoring case, contains the rule's words ({@code CPA_QUALIFIED} is named by
 * {@code cpaQualifiedPays...}).
 */
class RuleTestNamesTest {

    /** {@code @Test}, any further annotations, then the method's name. */
    private static final Pattern TEST_METHOD = Pattern
        .compile("@Test\\s+(?:@\\w+(?:\\([^)]*\\))?\\s+)*void\\s+(\\w+)\\s*\\(");

    @Test
    void everyRuleHasATestNamedAfterIt() throws IOException {
        List<String> testNames = testMethodNames(Path.of("src", "test", "java"));

        assertThat(testNames).as("test methods found").hasSizeGreaterThan(Rule.values().length);
        assertThat(Arrays.stream(Rule.values())
            .map(Rule::name)
            .filter(rule -> testNames.stream().noneMatch(name -> words(name).contains(words(rule))))
            .toList()).as("rules without a test named after them").isEmpty();
    }

    private static List<String> testMethodNames(Path sources) throws IOException {
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(file -> file.toString().endsWith(".java")).flatMap(file -> {
                try {
                    Matcher test = TEST_METHOD.matcher(Files.readString(file));
                    return test.results().map(result -> result.group(1)).toList().stream();
                }
                catch (IOException e) {
                    throw new IllegalStateException("cannot read " + file, e);
                }
            }).toList();
        }
    }

    private static String words(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }
}
