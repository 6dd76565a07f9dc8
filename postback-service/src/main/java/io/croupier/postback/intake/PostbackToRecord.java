package io.croupier.postback.intake;

import java.util.function.LongConsumer;

import io.croupier.events.PostbackFormat;

/**
 * An accepted call on its way to the database.
 *
 * @param beforeCommit runs with the log id of a new (not duplicate) postback inside its transaction
 */
record PostbackToRecord(InboundCall call, PostbackFormat format, Conversion conversion, LongConsumer beforeCommit) {
}
