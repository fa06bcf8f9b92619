package io.rowsweep.validation.oracle;

import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.validation.constraints.Size;

import java.util.List;

/** An embeddable with no column of its own: only a collection, in a table of its own. */
@Embeddable
public class Labels {
    @ElementCollection
    @Size(max = 1)
    List<String> names;
}
