package io.croupier.analytics.imports;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON array of objects whose keys are the file's column names, streamed token by token. Numbers are taken as
 * written, so no amount passes through a double. An element that is not an object, or a value that is not a string,
 * number or boolean, is a bad row; broken JSON is a bad file.
 */
final class JsonRows implements RowSource {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JsonParser parser;

    private long number;

    private JsonToken next;

    private JsonRows(JsonParser parser) {
        this.parser = parser;
    }

    static JsonRows open(InputStream body) {
        JsonParser parser = JSON.createParser(body);
        JsonRows rows = new JsonRows(parser);
        if (rows.advance() != JsonToken.START_ARRAY) {
            parser.close();
            throw new UnreadableImport("a JSON import is an array of objects, one per row");
        }
        rows.advance();
        return rows;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            throw new UnreadableImport("the JSON array is not closed");
        }
        return next != JsonToken.END_ARRAY;
    }

    @Override
    public InputRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        number++;
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        if (next != JsonToken.START_OBJECT) {
            skipValue();
            errors.put("row", "is not a JSON object");
        }
        else {
            while (advance() == JsonToken.PROPERTY_NAME) {
                String column = parser.currentName().trim().toLowerCase(Locale.ROOT);
                JsonToken value = advance();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    skipValue();
                    errors.put(column, "must be a string, number or boolean");
                }
                else if (value != JsonToken.VALUE_NULL) {
                    String text = parser.getString().trim();
                    if (!text.isEmpty()) {
                        values.put(column, text);
                    }
                }
            }
        }
        advance();
        return new InputRow(number, values, errors);
    }

    private void skipValue() {
        try {
            parser.skipChildren();
        }
        catch (JacksonException e) {
            throw unreadable(e);
        }
    }

    private JsonToken advance() {
        try {
            next = parser.nextToken();
            return next;
        }
        catch (JacksonException e) {
            throw unreadable(e);
        }
    }

    private UnreadableImport unreadable(JacksonException e) {
        return new UnreadableImport("the JSON cannot be read after row " + number + ": " + e.getOriginalMessage(), e);
    }

    @Override
    public void close() {
        parser.close();
    }
}
