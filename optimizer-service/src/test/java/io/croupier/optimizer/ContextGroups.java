package io.croupier.optimizer;

import java.util.Comparator;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/** Runs the test classes of one Spring context (one base class) one after another, so each context starts once. */
public class ContextGroups implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors()
            .sort(Comparator.comparing((ClassDescriptor test) -> test.getTestClass().getSuperclass().getName())
                .thenComparing(test -> test.getTestClass().getName()));
    }
}
