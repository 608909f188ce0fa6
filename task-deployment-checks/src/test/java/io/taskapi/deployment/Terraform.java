package io.taskapi.deployment;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.PrimitiveType;
import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.SubTypePrimitiveType;
import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.VariableTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Terraform configuration as hcl4j reads it: each file parsed on its own, each module's files merged into one map
 * ({@code resource -> type -> name -> body}, {@code locals -> name -> value}, ...), and helpers to walk those maps.
 *
 * <p>hcl4j evaluates what it can while parsing: {@code local.*} and {@code var.*} with a default are replaced by their
 * values, other references stay unevaluated ({@link #reference} gives their source text), function calls with an
 * unknown argument become {@code null}, and a {@code for} expression over an unknown collection becomes an empty list.
 * A block written once is a map, a block repeated is a list of maps ({@link #blocks}).
 */
public final class Terraform {
    /** The top-level block types of the Terraform language. */
    public static final Set<String> BLOCK_TYPES = Set.of(
            "terraform", "provider", "variable", "locals", "output", "module", "resource", "data",
            "moved", "import", "check", "removed", "ephemeral");

    private Terraform() {
    }

    /** Every {@code .tf} file under {@code dir}, recursively, in a stable order; skips {@code .terraform/} caches. */
    public static List<Path> files(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths
                    .filter(path -> path.getFileName().toString().endsWith(".tf"))
                    .filter(path -> !dir.relativize(path).toString().contains(".terraform"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** One file parsed by hcl4j. */
    public static Map<String, Object> parse(Path file) {
        return parse(file, Map.of());
    }

    /**
     * One file parsed by hcl4j with {@code var.<name>} bound to the given values, so that expressions over module inputs
     * are evaluated instead of left unknown.
     */
    public static Map<String, Object> parse(Path file, Map<String, Object> variables) {
        HCLParser parser = parser();
        variables.forEach(parser::setVariable);
        try {
            return parser.parse(file.toFile(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException("hcl4j cannot parse " + file + ": " + e, e);
        }
    }

    /** All {@code .tf} files directly in {@code moduleDir} merged, as Terraform loads one module. */
    public static Map<String, Object> module(Path moduleDir) {
        return module(moduleDir, Map.of());
    }

    /** Like {@link #module(Path)}, with {@code var.<name>} bound to the given values. */
    public static Map<String, Object> module(Path moduleDir, Map<String, Object> variables) {
        Map<String, Object> merged = new LinkedHashMap<>();
        try (Stream<Path> paths = Files.list(moduleDir)) {
            for (Path file : paths.filter(path -> path.toString().endsWith(".tf")).sorted().toList()) {
                Map<String, Object> parsed = parse(file, variables);
                // Keys that are no block type are hcl4j artefacts (see TerraformParsesTest), not configuration.
                parsed.keySet().retainAll(BLOCK_TYPES);
                merge(merged, parsed, file.getFileName().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + moduleDir, e);
        }
        return merged;
    }

    /**
     * The source text of the {@code .tf} files directly in {@code moduleDir}, concatenated in a stable order, with full
     * line comments ({@code #}, {@code //}) left out.
     */
    public static String source(Path moduleDir) {
        try (Stream<Path> paths = Files.list(moduleDir)) {
            StringBuilder all = new StringBuilder();
            for (Path file : paths.filter(path -> path.toString().endsWith(".tf")).sorted().toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String code = line.strip();
                    if (!code.startsWith("#") && !code.startsWith("//")) {
                        all.append(line).append('\n');
                    }
                }
            }
            return all.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + moduleDir, e);
        }
    }

    /** {@link #source(Path)} without any whitespace, for comparing expressions hcl4j cannot evaluate. */
    public static String sourceWithoutWhitespace(Path moduleDir) {
        return withoutWhitespace(source(moduleDir));
    }

    /** {@code text} with every whitespace character removed. */
    public static String withoutWhitespace(String text) {
        return text.replaceAll("\\s+", "");
    }

    /** A {@code .tfvars} file: its attributes by name, literal values as values. */
    public static Map<String, Object> tfvars(Path file) {
        return parse(file);
    }

    /**
     * The {@code type} of a {@code variable} block in Terraform's words ({@code bool}, {@code number}, {@code string},
     * {@code list(string)}, ...); hcl4j reads type constraints as objects of its own.
     */
    public static String typeOf(Map<String, Object> variable) {
        return typeName(variable.get("type"));
    }

    private static String typeName(Object type) {
        if (type instanceof SubTypePrimitiveType collection) {
            String kind = collection.getClass().getSimpleName().replace("PrimitiveType", "").toLowerCase(Locale.ROOT);
            return kind + "(" + typeName(collection.getSubType()) + ")";
        }
        if (type instanceof PrimitiveType primitive) {
            String kind = primitive.getClass().getSimpleName().replace("PrimitiveType", "").toLowerCase(Locale.ROOT);
            return kind.equals("boolean") ? "bool" : kind;
        }
        throw new AssertionError("not a type constraint: " + type);
    }

    /** A list of strings at a place where the configuration has one; fails for anything else. */
    public static List<String> strings(Object list) {
        if (!(list instanceof List<?> values)) {
            throw new AssertionError("not a list of strings: " + list);
        }
        return values.stream().map(String.class::cast).toList();
    }

    /** The value at {@code path} below {@code root}, or {@code null} when any step is missing. */
    public static Object at(Map<String, ?> root, String... path) {
        Object current = root;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    /**
     * The source text of a reference hcl4j could not resolve, such as {@code aws_dynamodb_table.tasks.arn}; fails for
     * any other value. Index expressions lose their brackets ({@code a[each.key].b} reads {@code a.each.key.b}).
     */
    public static String reference(Object value) {
        if (value instanceof VariableTree) {
            return value.toString();
        }
        throw new AssertionError("not a reference: " + value
                + (value == null ? "" : " (" + value.getClass().getSimpleName() + ")"));
    }

    /** The block at {@code path}, which must exist and be written once. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> block(Map<String, ?> root, String... path) {
        Object value = at(root, path);
        if (!(value instanceof Map<?, ?>)) {
            throw new AssertionError("no single block " + String.join(".", path) + " (found " + value + ")");
        }
        return (Map<String, Object>) value;
    }

    /** The nested blocks of one type, whether written once (a map) or repeated (a list); empty when absent. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> blocks(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof Map<?, ?> single) {
            return List.of((Map<String, Object>) single);
        }
        if (value instanceof List<?> list) {
            List<Map<String, Object>> blocks = new ArrayList<>();
            for (Object item : list) {
                blocks.add((Map<String, Object>) item);
            }
            return blocks;
        }
        throw new AssertionError("not a block: " + value);
    }

    /**
     * An hcl4j parser with four of Terraform's built-in functions given Terraform's semantics. hcl4j's {@code endswith}
     * throws a NullPointerException when its argument is unknown (a {@code var.*} without a default, as in every
     * module input validation), which aborts the whole parse; hcl4j's {@code concat} returns {@code null} even for
     * literal lists; hcl4j has no {@code toset} and no {@code distinct}. The replacements return {@code null}
     * (unknown) when an argument is unknown, as hcl4j's other functions do; {@code toset} and {@code distinct} return
     * the distinct elements as a list, in order.
     */
    private static HCLParser parser() {
        HCLParser parser = new HCLParser();
        parser.registerFunction("endswith", arguments -> arguments.size() == 2
                && arguments.get(0) instanceof String text && arguments.get(1) instanceof String suffix
                ? text.endsWith(suffix) : null);
        parser.registerFunction("concat", arguments -> {
            List<Object> all = new ArrayList<>();
            for (Object argument : arguments) {
                if (!(argument instanceof List<?> list)) {
                    return null;
                }
                all.addAll(list);
            }
            return all;
        });
        parser.registerFunction("toset", arguments -> arguments.size() == 1 && arguments.get(0) instanceof List<?> list
                ? List.copyOf(new LinkedHashSet<>(list)) : null);
        parser.registerFunction("distinct", arguments -> arguments.size() == 1
                && arguments.get(0) instanceof List<?> list ? List.copyOf(new LinkedHashSet<>(list)) : null);
        return parser;
    }

    /**
     * Merges one file's blocks into the module's. Recursion stops at the block labels ({@code resource -> type -> name},
     * {@code locals -> name}): below them a repeated key is a second definition, which Terraform rejects too.
     */
    private static void merge(Map<String, Object> module, Map<String, Object> file, String fileName) {
        file.forEach((blockType, value) -> {
            // A block type written several times in one file (two locals blocks, say) comes as a list of maps.
            List<Object> blocks = value instanceof List<?> list ? new ArrayList<>(list) : List.of(value);
            int labels = blockType.equals("resource") || blockType.equals("data") || blockType.equals("ephemeral")
                    ? 2 : 1;
            for (Object block : blocks) {
                mergeLabels(module, blockType, block, labels, fileName);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static void mergeLabels(Map<String, Object> into, String key, Object value, int depth, String fileName) {
        Object existing = into.get(key);
        if (existing == null) {
            into.put(key, value);
        } else if (depth > 0 && existing instanceof Map<?, ?> && value instanceof Map<?, ?> labelled) {
            ((Map<String, Object>) labelled).forEach((label, body) ->
                    mergeLabels((Map<String, Object>) existing, label, body, depth - 1, fileName));
        } else {
            throw new AssertionError(key + " in " + fileName + " is also defined elsewhere in the module");
        }
    }
}
