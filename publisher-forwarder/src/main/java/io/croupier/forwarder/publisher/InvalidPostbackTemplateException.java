package io.croupier.forwarder.publisher;

/** A postback URL template an admin tried to save that could never be sent as written. */
class InvalidPostbackTemplateException extends InvalidPublisherException {

    InvalidPostbackTemplateException(String detail) {
        super(detail);
    }
}
