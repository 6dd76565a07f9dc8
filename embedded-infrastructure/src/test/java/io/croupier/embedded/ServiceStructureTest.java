package io.croupier.embedded;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceStructureTest {

    private static final String ROOT = "io.croupier.embedded.structure";

    private final JavaClasses fixture = new ClassFileImporter().importPackages(ROOT);

    @Test
    void findsACycleBetweenFeatures() {
        assertThat(failures()).anySatisfy(failure -> assertThat(failure).contains("Cycle detected")
            .contains("feature a").contains("feature b"));
    }

    @Test
    void findsAFeatureReachingARootClassThatIsNotSettings() {
        assertThat(failures()).anySatisfy(failure -> assertThat(failure).contains("structure.c.C")
            .contains("structure.Wiring"));
    }

    @Test
    void letsAFeatureReadTheSettingsAndTheirNestedRecords() {
        assertThat(failures()).noneSatisfy(failure -> assertThat(failure).contains("ReadsSettings"));
    }

    private List<String> failures() {
        return ServiceStructure.rules(ROOT).stream()
            .map(rule -> rule.evaluate(fixture))
            .filter(EvaluationResult::hasViolation)
            .map(result -> result.getFailureReport().toString())
            .toList();
    }
}
