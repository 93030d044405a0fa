# Sourced by the benchmark scripts that start the product's code with plain java: the JVM options
# ./tandem starts it with (its JVM_OPTS), so that a benchmark measures what the launcher runs.
# Keep the two in step.
LAUNCHER_JVM_OPTS="--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED"
