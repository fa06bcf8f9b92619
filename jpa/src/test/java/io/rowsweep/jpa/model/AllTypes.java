package io.rowsweep.jpa.model;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.Temporal;
import jakarta.persistence.TemporalType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.UUID;

/** One field per supported Java type; public so the test can read them back. */
@Entity
@Table(name = "all_types")
public class AllTypes {
    public enum Color { RED, GREEN }

    public enum Size { SMALL, LARGE }

    public static class Upper implements AttributeConverter<String, String> {
        @Override
        public String convertToDatabaseColumn(String attribute) {
            return attribute;
        }

        @Override
        public String convertToEntityAttribute(String dbData) {
            return dbData == null ? null : dbData.toUpperCase(java.util.Locale.ROOT);
        }
    }

    @Id
    public long id;
    @Lob
    public String longText;
    public int itemCount;
    public Integer boxed;
    public short small;
    public byte tiny;
    public float ratio;
    public Double precise;
    public char letter;
    public boolean active;
    public Boolean flagInt;
    public BigDecimal amount;
    public BigInteger big;
    public byte[] bytes;
    public UUID uuidNative;
    public UUID uuidText;
    @Enumerated(EnumType.STRING)
    public Color color;
    public Size shirtSize;
    public LocalDate birthDay;
    public LocalDateTime happenedAt;
    public LocalTime alarmTime;
    public Instant instantAt;
    public OffsetDateTime offsetAt;
    public ZonedDateTime zonedAt;
    public java.util.Date legacyTs;
    @Temporal(TemporalType.DATE)
    public java.util.Date legacyDay;
    public java.sql.Timestamp sqlTs;
    @Convert(converter = Upper.class)
    public String shout;
}
