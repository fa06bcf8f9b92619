package io.rowsweep.spring;

import io.rowsweep.core.ProgressListener;

/** Makes a listener for each run of a declared job (meters, for one). */
interface RunListenerFactory {

    ProgressListener forRun(RowSweepJob job);
}
