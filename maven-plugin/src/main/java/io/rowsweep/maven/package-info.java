/**
 * rowsweep's Maven plugin: {@code mvn rowsweep:validate} validates every row of a database against the project's own entity
 * classes, found on the project's runtime class path; {@code mvn rowsweep:status} shows where a job is. Settings have the CLI's
 * names, given as {@code -Drowsweep.NAME}, in the plugin's {@code <configuration>}, as {@code ROWSWEEP_NAME} environment
 * variables or in {@code rowsweep.properties}.
 */
package io.rowsweep.maven;
