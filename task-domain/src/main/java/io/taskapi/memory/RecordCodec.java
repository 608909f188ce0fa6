package io.taskapi.memory;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a record into bytes and back, component by component in declaration order, so that the in-memory store can
 * keep it outside the Java heap.
 *
 * <p>It reads the record's components rather than naming them: a field added to {@code Task} is kept without a line
 * here, as long as its type is one of those below. A record with a component of any other type is refused when its
 * codec is built, so such a field fails every test of the store at once instead of being dropped. The bytes live as
 * long as the process, never on disk, so an enum is its ordinal.
 */
final class RecordCodec<R extends Record> {
    /** One component type's encoding. */
    private interface Codec {
        void write(DataOutputStream out, Object value) throws IOException;

        Object read(ByteBuffer in);
    }

    private final Class<R> type;
    private final Codec codec;

    /**
     * The encoding of records of {@code type}, built once for the type.
     *
     * @throws IllegalArgumentException if a component, or one of a record in it, has a type without an encoding
     */
    RecordCodec(Class<R> type) {
        this.type = type;
        this.codec = forRecord(type);
    }

    /** The bytes of {@code record}. */
    byte[] encode(R record) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            codec.write(out, record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The record that {@link #encode} wrote, read from {@code in}'s position on; moves the position past it. */
    R decode(ByteBuffer in) {
        return type.cast(codec.read(in));
    }

    private static Codec forRecord(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Method[] accessors = new Method[components.length];
        Codec[] codecs = new Codec[components.length];
        Class<?>[] parameters = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            accessors[i] = components[i].getAccessor();
            // Within this module, so always allowed; it spares every call the access check.
            accessors[i].setAccessible(true);
            codecs[i] = forType(components[i].getGenericType(), type.getName() + "." + components[i].getName());
            parameters[i] = components[i].getType();
        }
        Constructor<?> canonical;
        try {
            canonical = type.getDeclaredConstructor(parameters);
            canonical.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("a record without its canonical constructor: " + type.getName(), e);
        }
        return new Codec() {
            @Override
            public void write(DataOutputStream out, Object value) throws IOException {
                for (int i = 0; i < codecs.length; i++) {
                    Method accessor = accessors[i];
                    codecs[i].write(out, invoke(() -> accessor.invoke(value)));
                }
            }

            @Override
            public Object read(ByteBuffer in) {
                Object[] values = new Object[codecs.length];
                for (int i = 0; i < codecs.length; i++) {
                    values[i] = codecs[i].read(in);
                }
                return invoke(() -> canonical.newInstance(values));
            }
        };
    }

    /** A reflective call whose own exceptions are rethrown as they were: a record's rules are its constructor's. */
    private static Object invoke(Reflective call) {
        try {
            return call.run();
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Reflective {
        Object run() throws ReflectiveOperationException;
    }

    private static Codec forType(Type type, String where) {
        if (type instanceof ParameterizedType parameterized) {
            Type raw = parameterized.getRawType();
            Codec element = forType(parameterized.getActualTypeArguments()[0], where);
            if (raw == Optional.class) {
                return optional(element);
            }
            if (raw == List.class) {
                return list(element);
            }
        } else if (type == String.class) {
            return STRING;
        } else if (type == long.class) {
            return LONG;
        } else if (type == LocalDate.class) {
            return DATE;
        } else if (type instanceof Class<?> plain && plain.isEnum()) {
            return enumeration(plain);
        } else if (type instanceof Class<?> plain && plain.isRecord()) {
            return forRecord(plain);
        }
        throw new IllegalArgumentException("no encoding for " + where + " of type " + type.getTypeName());
    }

    private static final Codec STRING = new Codec() {
        @Override
        public void write(DataOutputStream out, Object value) throws IOException {
            byte[] utf8 = ((String) value).getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }

        @Override
        public Object read(ByteBuffer in) {
            byte[] utf8 = new byte[in.getInt()];
            in.get(utf8);
            return new String(utf8, StandardCharsets.UTF_8);
        }
    };

    private static final Codec LONG = new Codec() {
        @Override
        public void write(DataOutputStream out, Object value) throws IOException {
            out.writeLong((Long) value);
        }

        @Override
        public Object read(ByteBuffer in) {
            return in.getLong();
        }
    };

    private static final Codec DATE = new Codec() {
        @Override
        public void write(DataOutputStream out, Object value) throws IOException {
            out.writeLong(((LocalDate) value).toEpochDay());
        }

        @Override
        public Object read(ByteBuffer in) {
            return LocalDate.ofEpochDay(in.getLong());
        }
    };

    private static Codec enumeration(Class<?> type) {
        Object[] constants = type.getEnumConstants();
        return new Codec() {
            @Override
            public void write(DataOutputStream out, Object value) throws IOException {
                out.writeInt(((Enum<?>) value).ordinal());
            }

            @Override
            public Object read(ByteBuffer in) {
                return constants[in.getInt()];
            }
        };
    }

    private static Codec optional(Codec element) {
        return new Codec() {
            @Override
            public void write(DataOutputStream out, Object value) throws IOException {
                Optional<?> optional = (Optional<?>) value;
                out.writeBoolean(optional.isPresent());
                if (optional.isPresent()) {
                    element.write(out, optional.get());
                }
            }

            @Override
            public Object read(ByteBuffer in) {
                return in.get() == 0 ? Optional.empty() : Optional.of(element.read(in));
            }
        };
    }

    private static Codec list(Codec element) {
        return new Codec() {
            @Override
            public void write(DataOutputStream out, Object value) throws IOException {
                List<?> list = (List<?>) value;
                out.writeInt(list.size());
                for (Object item : list) {
                    element.write(out, item);
                }
            }

            @Override
            public Object read(ByteBuffer in) {
                int size = in.getInt();
                List<Object> list = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    list.add(element.read(in));
                }
                return List.copyOf(list);
            }
        };
    }
}
