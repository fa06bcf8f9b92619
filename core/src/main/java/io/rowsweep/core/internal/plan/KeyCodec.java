package io.rowsweep.core.internal.plan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes keys to the job state tables and reads them back: a key is the database's own text of
 * each key column ({@link io.rowsweep.core.spi.KeyType}), stored as a JSON array of strings,
 * {@code ["42","2026-03-29 02:30:00.5"]}, so a resumed run binds exactly the boundaries the first
 * run found.
 */
public final class KeyCodec {

    /** jackson-core only: a run need not start Jackson's object mapper for its keys. */
    private static final JsonFactory JSON = new JsonFactory();

    private KeyCodec() {
    }

    /** The JSON text of a key, or null for a null key (an open range end). */
    public static String encode(String[] key) {
        if (key == null) {
            return null;
        }
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            for (String value : key) {
                g.writeString(value);
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static String[] decode(String text) {
        if (text == null) {
            return null;
        }
        List<String> key = new ArrayList<>();
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw corrupt(text, null);
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.VALUE_STRING) {
                key.add(p.getText());
            }
            if (t == JsonToken.START_ARRAY) {
                throw new IllegalStateException("the job state holds a key written by an earlier rowsweep version (" + text
                        + "), which named keys through Java types; re-run with --restart to start this job over");
            }
            if (t != JsonToken.END_ARRAY || p.nextToken() != null) {
                throw corrupt(text, null);
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw corrupt(text, e);
        }
        return key.toArray(new String[0]);
    }

    private static IllegalStateException corrupt(String text, Exception cause) {
        return new IllegalStateException("corrupt key in job state: " + text, cause);
    }
}
