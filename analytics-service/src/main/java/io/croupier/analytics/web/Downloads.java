package io.croupier.analytics.web;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/** A report served as the file seed 002 names ({@code roas_d1.json}): the same body, as an attachment. */
public final class Downloads {

    public static <T> ResponseEntity<T> attachment(T body, String fileName) {
        return ResponseEntity.ok()
            .header(HttpHeaders.CONTENT_DISPOSITION, disposition(fileName))
            .body(body);
    }

    public static String disposition(String fileName) {
        return ContentDisposition.attachment().filename(fileName).build().toString();
    }

    private Downloads() {
    }
}
