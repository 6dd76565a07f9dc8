package io.croupier.localstack;

/** Where the services find Kafka and PostgreSQL. */
record Infrastructure(String bootstrapServers, String jdbcUrl, String username, String password) {
}
