package dev.roster.bench;

import java.nio.file.Path;

/** Where a class was loaded from: the bench's classes and the Lambda runtime's serializers go on child classpaths. */
final class ColdStartBenchPaths {

    private ColdStartBenchPaths() {
    }

    static String of(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
