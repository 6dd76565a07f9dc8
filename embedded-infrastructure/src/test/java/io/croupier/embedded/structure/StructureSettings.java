package io.croupier.embedded.structure;

/** Settings of the fixture: features may read them. */
public record StructureSettings(Nested nested) {

    public record Nested(int value) {
    }
}
