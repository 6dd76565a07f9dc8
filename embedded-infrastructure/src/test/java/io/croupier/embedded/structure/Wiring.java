package io.croupier.embedded.structure;

/** A root-package class that is not settings: features must not reach it. */
public class Wiring {
}
