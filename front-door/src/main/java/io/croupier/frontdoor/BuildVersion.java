package io.croupier.frontdoor;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version this front door was built as ({@code project.version}), written into a resource by the build. */
final class BuildVersion {

    private static final String RESOURCE = "build.properties";

    private BuildVersion() {
    }

    static String read() {
        try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing: the front door was not built by Maven");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        }
        catch (IOException e) {
            throw new IllegalStateException(RESOURCE + " cannot be read", e);
        }
    }
}
