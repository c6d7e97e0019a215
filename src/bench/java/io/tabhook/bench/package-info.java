/**
 * Benchmarks run by {@code scripts/bench}: each measures tabhook against a baseline taken in the same run and
 * prints absolute figures and the ratio. Loopback only, bounded, each ends by itself within a minute.
 */
package io.tabhook.bench;
