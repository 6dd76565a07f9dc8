package io.croupier.embedded.structure.b;

import io.croupier.embedded.structure.a.A;

public class B {

    public A back() {
        return new A();
    }
}
