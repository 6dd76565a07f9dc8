package io.croupier.secrets.atrest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The command line over {@link Keysets}, for operators: the keyset is read from standard input and the new one written
 * to standard output, so key material never appears in a command line or a shell history.
 *
 * <pre>
 * mvn -q -pl secrets compile exec:java -Dexec.args=new                 &gt; keyset.json
 * mvn -q -pl secrets compile exec:java -Dexec.args=add     &lt; keyset.json &gt; next.json
 * mvn -q -pl secrets compile exec:java -Dexec.args="promote ID" &lt; next.json &gt; promoted.json
 * mvn -q -pl secrets compile exec:java -Dexec.args="remove ID"  &lt; promoted.json &gt; final.json
 * mvn -q -pl secrets compile exec:java -Dexec.args=show    &lt; keyset.json
 * </pre>
 */
public final class KeysetTool {

    private static final String USAGE = "usage: new | add | promote KEY_ID | remove KEY_ID | show  "
            + "(the keyset is read from standard input, the result written to standard output)";

    public static void main(String[] args) throws IOException {
        PrintStream out = System.out;
        PrintStream err = System.err;
        if (args.length == 0) {
            err.println(USAGE);
            System.exit(2);
        }
        try {
            switch (args[0]) {
                case "new" -> out.println(Keysets.create());
                case "add" -> {
                    String keyset = Keysets.withNewKey(stdin());
                    err.println("added key " + Keysets.newestKeyId(keyset) + " (not primary yet)");
                    out.println(keyset);
                }
                case "promote" -> out.println(Keysets.promote(stdin(), keyId(args)));
                case "remove" -> out.println(Keysets.remove(stdin(), keyId(args)));
                case "show" -> Keysets.describe(stdin()).forEach(out::println);
                default -> {
                    err.println(USAGE);
                    System.exit(2);
                }
            }
        }
        catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            System.exit(1);
        }
    }

    private static long keyId(String[] args) {
        if (args.length < 2) {
            throw new IllegalArgumentException(USAGE);
        }
        return Long.parseLong(args[1]);
    }

    private static String stdin() throws IOException {
        return new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    private KeysetTool() {
    }
}
