package io.croupier.embedded.structure.c;

import io.croupier.embedded.structure.StructureSettings;

public class ReadsSettings {

    public int value(StructureSettings settings) {
        return settings.nested().value();
    }
}
