package io.rowsweep.validation.oracle;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Reads text trimmed, so a title of blanks becomes empty. */
@Converter
public class Trimmed implements AttributeConverter<String, String> {
    @Override
    public String convertToDatabaseColumn(String value) {
        return value;
    }

    @Override
    public String convertToEntityAttribute(String column) {
        return column == null ? null : column.trim();
    }
}
