package io.rowsweep.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Compact JSON text of a tree, as {@link JsonNode#toString()} writes it, through jackson-core's
 * generator alone: {@code toString()} starts Jackson's object mapper, which costs a fresh JVM
 * more than a run's whole planning.
 */
public final class JsonText {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonText() {
    }

    public static String of(JsonNode node) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, JsonNode n) throws IOException {
        switch (n.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (Map.Entry<String, JsonNode> e : n.properties()) {
                    g.writeFieldName(e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode element : n) {
                    write(g, element);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(n.textValue());
            case BOOLEAN -> g.writeBoolean(n.booleanValue());
            case NUMBER -> {
                if (n.isBigDecimal()) {
                    g.writeNumber(n.decimalValue());
                } else if (n.isBigInteger()) {
                    g.writeNumber(n.bigIntegerValue());
                } else if (n.isIntegralNumber()) {
                    g.writeNumber(n.longValue());
                } else if (n.isFloat()) {
                    g.writeNumber(n.floatValue());
                } else {
                    g.writeNumber(n.doubleValue());
                }
            }
            case NULL, MISSING -> g.writeNull();
            default -> throw new IllegalArgumentException("not a JSON value: " + n.getNodeType());
        }
    }
}
