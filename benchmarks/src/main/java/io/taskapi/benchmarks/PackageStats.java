package io.taskapi.benchmarks;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Benchmark 5 (size part): the Lambda zip's size, its entries, its classes (inside lib jars too), per jar. */
public final class PackageStats {
    private PackageStats() {
    }

    record Jar(String name, long compressedBytes, int classes) {
    }

    public static void run(Settings settings) throws IOException {
        Path zip = settings.artifacts().resolve("task-lambda.zip");
        int rootClasses = 0;
        int entries = 0;
        List<Jar> jars = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries++;
                if (entry.getName().endsWith(".class")) {
                    rootClasses++;
                } else if (entry.getName().endsWith(".jar")) {
                    byte[] jar = in.readAllBytes();
                    jars.add(new Jar(entry.getName().substring(entry.getName().lastIndexOf('/') + 1), jar.length,
                            countClasses(new ByteArrayInputStream(jar))));
                }
            }
        }
        jars.sort(Comparator.comparingLong(Jar::compressedBytes).reversed());
        JsonObject result = new JsonObject();
        result.addProperty("zip_bytes", Files.size(zip));
        result.addProperty("zip_entries", entries);
        result.addProperty("application_classes", rootClasses);
        result.addProperty("jars", jars.size());
        result.addProperty("classes_total", rootClasses + jars.stream().mapToInt(Jar::classes).sum());
        JsonArray jarsJson = new JsonArray();
        for (Jar jar : jars) {
            JsonObject json = new JsonObject();
            json.addProperty("name", jar.name());
            json.addProperty("bytes", jar.compressedBytes());
            json.addProperty("classes", jar.classes());
            jarsJson.add(json);
        }
        result.add("lib", jarsJson);
        Path server = settings.artifacts().resolve("task-server.jar");
        if (Files.exists(server)) {
            result.addProperty("server_jar_bytes", Files.size(server));
            try (InputStream in = Files.newInputStream(server)) {
                result.addProperty("server_jar_classes", countClasses(in));
            }
        }
        JsonFiles.write(settings.result("package.json"), result);
    }

    private static int countClasses(InputStream jar) throws IOException {
        int classes = 0;
        try (ZipInputStream in = new ZipInputStream(jar)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (entry.getName().endsWith(".class")) {
                    classes++;
                }
            }
        }
        return classes;
    }
}
