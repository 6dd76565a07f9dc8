package io.croupier.embedded.structure.c;

import io.croupier.embedded.structure.Wiring;

public class C {

    public Wiring wiring() {
        return new Wiring();
    }
}
