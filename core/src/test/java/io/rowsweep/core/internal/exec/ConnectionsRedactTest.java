package io.rowsweep.core.internal.exec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every form a JDBC URL can carry a credential in is masked; the rest of the URL stays readable. */
class ConnectionsRedactTest {

    @Test
    void passwordParametersInEveryDriversSyntax() {
        assertThat(Connections.redact("jdbc:postgresql://db:5432/shop?user=app&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/shop?user=app&password=***&ssl=true");
        assertThat(Connections.redact("jdbc:postgresql://db/shop?sslpassword=k3y&PASSWORD=s3cret"))
                .isEqualTo("jdbc:postgresql://db/shop?sslpassword=***&PASSWORD=***");
        assertThat(Connections.redact("jdbc:h2:tcp://db/shop;USER=sa;PASSWORD=s3cret;MODE=PostgreSQL"))
                .isEqualTo("jdbc:h2:tcp://db/shop;USER=sa;PASSWORD=***;MODE=PostgreSQL");
        assertThat(Connections.redact("jdbc:mysql://address=(host=db)(port=3306)(user=app)(password=s3cret)/shop"))
                .isEqualTo("jdbc:mysql://address=(host=db)(port=3306)(user=app)(password=***)/shop");
        assertThat(Connections.redact("jdbc:mysql://(host=db,port=3306,user=app,password=s3cret)/shop"))
                .isEqualTo("jdbc:mysql://(host=db,port=3306,user=app,password=***)/shop");
        assertThat(Connections.redact("jdbc:sqlserver://db;user=app;password={s3;cret};encrypt=true"))
                .isEqualTo("jdbc:sqlserver://db;user=app;password=***;encrypt=true");
        assertThat(Connections.redact("jdbc:mysql://db/shop?trustCertificateKeyStorePassword=k3y&pwd=s3cret"))
                .isEqualTo("jdbc:mysql://db/shop?trustCertificateKeyStorePassword=***&pwd=***");
    }

    @Test
    void userAndPasswordBeforeTheHost() {
        assertThat(Connections.redact("jdbc:mysql://app:s3cret@db:3306/shop")).isEqualTo("jdbc:mysql://app:***@db:3306/shop");
        assertThat(Connections.redact("jdbc:mysql://app:s3c@ret@db1,db2/shop")).isEqualTo("jdbc:mysql://app:***@db1,db2/shop");
        assertThat(Connections.redact("jdbc:mariadb://app:@db/shop")).isEqualTo("jdbc:mariadb://app:***@db/shop");
        assertThat(Connections.redact("jdbc:oracle:thin:app/s3cret@//db:1521/shop")).isEqualTo("jdbc:oracle:thin:app/***@//db:1521/shop");
        assertThat(Connections.redact("Could not connect to jdbc:mysql://app:s3cret@db/shop: refused"))
                .isEqualTo("Could not connect to jdbc:mysql://app:***@db/shop: refused");
    }

    @Test
    void urlsWithoutCredentialsAndMessagesStayAsTheyAre() {
        for (String url : new String[] {"jdbc:postgresql://db:5432/shop?user=app", "jdbc:postgresql://[::1]:5432/shop",
            "jdbc:mysql://app@db/shop", "jdbc:h2:mem:test;DB_CLOSE_DELAY=-1",
            "Access denied for user 'app'@'10.0.0.1' (using password: YES)"}) {
            assertThat(Connections.redact(url)).isEqualTo(url);
        }
    }

    @Test
    void aPasswordGivenApartIsMaskedWhereverAMessageQuotesIt() {
        assertThat(Connections.redact("malformed URL near 'app:s3cret@db'", "s3cret")).isEqualTo("malformed URL near 'app:***@db'");
        assertThat(Connections.redact("near 'ab'", "ab")).as("too short to search for").isEqualTo("near 'ab'");
        assertThat(Connections.redact("near 'x'", (String) null)).isEqualTo("near 'x'");
    }
}
