package io.croupier.embedded;

import java.util.List;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The structure every service keeps: its features (the packages directly under the application's) depend on each
 * other without a cycle; a feature reaches the application's own package only for its settings; and controllers are
 * entry points that no other class calls.
 */
public final class ServiceStructure {

    private final String root;

    private final JavaClasses classes;

    private ServiceStructure(Class<?> application) {
        root = application.getPackageName();
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(root);
    }

    /** @param application the service's {@code @SpringBootApplication}, whose package is the service's root */
    public static ServiceStructure of(Class<?> application) {
        return new ServiceStructure(application);
    }

    public void verify() {
        rules(root).forEach(rule -> rule.check(classes));
    }

    static List<ArchRule> rules(String root) {
        return List.of(featuresAreFreeOfCycles(root), featuresReachTheRootOnlyForSettings(root),
                entryPointsAreNotCalled());
    }

    private static ArchRule featuresAreFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").namingSlices("feature $1").should().beFreeOfCycles();
    }

    private static ArchRule featuresReachTheRootOnlyForSettings(String root) {
        String settings = Pattern.quote(root) + "\\.\\w+Settings(\\$.*)?";
        return noClasses().that().resideInAPackage(root + ".*..")
            .should().dependOnClassesThat(resideInAPackage(root).and(not(nameMatching(settings))))
            .because("the application's package wires the features; they meet through their own public types");
    }

    private static ArchRule entryPointsAreNotCalled() {
        return noClasses()
            .that().areNotAnnotatedWith("org.springframework.web.bind.annotation.RestController")
            .and().areNotAnnotatedWith("org.springframework.stereotype.Controller")
            .should().dependOnClassesThat().areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
            .orShould().dependOnClassesThat().areAnnotatedWith("org.springframework.stereotype.Controller")
            .because("a controller answers requests; what it decides belongs in a class the others can use")
            .allowEmptyShould(true);
    }
}
