package io.croupier.embedded.structure.a;

import io.croupier.embedded.structure.b.B;

public class A {

    public B next() {
        return new B();
    }
}
