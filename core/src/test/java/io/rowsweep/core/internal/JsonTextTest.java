package io.rowsweep.core.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Job specs are hashed to name jobs: the text must stay what Jackson's own writer gives. */
class JsonTextTest {

    @Test
    void writesWhatJacksonWrites() throws Exception {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("s", "quote \" backslash \\ tab \t é \u2028 \uD83D\uDE00").put("i", 42).put("l", 7_000_000_000L).put("d", 0.1)
                .put("f", 1.5f).put("b", true).put("dec", new BigDecimal("12.50")).put("big", new BigInteger("18446744073709551615"))
                .putNull("nothing");
        n.putArray("a").add(1).add("x").addObject().put("k", "v");
        n.putObject("empty");
        assertThat(JsonText.of(n)).isEqualTo(n.toString());
        JsonTextTest.roundTrip(new ObjectMapper().readTree("{\"tables\":[\"a\",\"b\"],\"rules\":{\"x\":[1,2.5,null,false]}}"));
    }

    private static void roundTrip(com.fasterxml.jackson.databind.JsonNode n) {
        assertThat(JsonText.of(n)).isEqualTo(n.toString());
    }
}
