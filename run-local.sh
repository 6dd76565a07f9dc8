#!/usr/bin/env bash
# Builds Croupier and starts the whole platform on this machine: Kafka, PostgreSQL, the seven services, the
# seed-compatible front door on 8080, 5000 and 8000, a demo publisher and demo data. Ctrl-C stops it; data is kept in
# .croupier/. Options: --simulate[=VISITORS], --exit-after-simulation, --data-dir=PATH.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -ntp -q install -DskipTests
exec java -Xmx3g -jar local-stack/target/croupier-local-stack.jar "$@"
