package io.rowsweep.validation;

import io.rowsweep.testkit.DatabaseKind;

class H2ValidationTest extends ValidationContractTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.H2;
    }
}
