package io.croupier.analytics.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.croupier.runtime.paging.BadPageRequest;
import io.croupier.runtime.paging.Cursor;
import io.croupier.runtime.paging.CursorPage;
import io.croupier.runtime.paging.PageRequest;
import io.croupier.runtime.problems.ErrorAnswer;
import io.croupier.runtime.problems.InvalidField;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Bulk imports of seed 002's input files: {@code POST /imports/{file}} with the file as the body ({@code text/csv} or
 * {@code application/json}) or as the {@code file} part of a form upload. The answer is the import's report; a file
 * that cannot be read at all is a 400 and imports nothing.
 */
@Tag(name = "Imports", description = "Seed 002's input files (purchases, confirmed purchases, ad costs, "
        + "sessions) imported in bulk, each with its report of rows taken and refused.")
@RestController
class ImportController {

    private final Map<String, ImportKind> kinds;

    private final Importer importer;

    private final ImportReports reports;

    ImportController(List<ImportKind> kinds, Importer importer, ImportReports reports) {
        this.kinds = kinds.stream().collect(Collectors.toMap(ImportKind::name, Function.identity()));
        this.importer = importer;
        this.reports = reports;
    }

    @ErrorAnswer(status = 400, when = "The file cannot be read as the format its Content-Type names",
            detail = "the CSV header lacks the required column(s) amount; it has day, campaign, spend")
    @ErrorAnswer(status = 400, when = "onConflict is neither keep nor replace",
            detail = "onConflict: must be keep or replace, not merge", title = "Invalid request", field = "onConflict")
    @ErrorAnswer(status = 404,
            when = "No import of this file",
            detail = "No import of refunds; files are confirmed_purchases, costs_daily, purchases_raw, sessions")
    @PostMapping(path = "/imports/{file}", consumes = { "text/csv", "application/csv", "application/json" })
    ImportReport importBody(@PathVariable String file, @RequestParam(defaultValue = "keep") String onConflict,
            @RequestParam(required = false) String fileName, @RequestHeader("Content-Type") MediaType contentType,
            HttpServletRequest request) throws IOException {
        try (InputStream body = request.getInputStream()) {
            return importer.run(kind(file), ImportFormat.of(contentType), fileName, onConflict(onConflict), body,
                    charset(contentType));
        }
    }

    @ErrorAnswer(status = 400, when = "The file cannot be read as the format its Content-Type names",
            detail = "the CSV header lacks the required column(s) amount; it has day, campaign, spend")
    @ErrorAnswer(status = 400, when = "onConflict is neither keep nor replace",
            detail = "onConflict: must be keep or replace, not merge", title = "Invalid request", field = "onConflict")
    @ErrorAnswer(status = 404,
            when = "No import of this file",
            detail = "No import of refunds; files are confirmed_purchases, costs_daily, purchases_raw, sessions")
    @PostMapping(path = "/imports/{file}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ImportReport importUpload(@PathVariable String file, @RequestParam(defaultValue = "keep") String onConflict,
            @RequestParam("file") MultipartFile upload) throws IOException {
        MediaType partType = partType(upload);
        try (InputStream body = upload.getInputStream()) {
            return importer.run(kind(file), ImportFormat.ofFileName(upload.getOriginalFilename(), partType),
                    upload.getOriginalFilename(), onConflict(onConflict), body, charset(partType));
        }
    }

    /**
     * The imports, newest first, without their problem rows.
     *
     * @param cursor the {@code next_cursor} of the previous page: the imports before it
     */
    @BadPageRequest
    @GetMapping("/imports")
    CursorPage<ImportReport> list(@RequestParam(required = false) String file,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = PageRequest.DEFAULT_LIMIT) int limit) {
        if (file != null) {
            kind(file);
        }
        PageRequest request = new PageRequest(cursor, limit);
        Cursor after = request.after();
        return request.page(reports.latest(file, after == null ? null : after.numericId(), request.fetchSize()),
                report -> Cursor.of(report.importId()));
    }

    @ErrorAnswer(status = 404, when = "No import has this id", detail = "No import 42")
    @GetMapping("/imports/{importId:\\d+}")
    ImportReport report(@PathVariable long importId) {
        return reports.find(importId).orElseThrow(() -> notFound("No import " + importId));
    }

    @ExceptionHandler(UnreadableImport.class)
    ProblemDetail unreadable(UnreadableImport e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Unreadable import");
        return problem;
    }

    @ExceptionHandler(UncheckedIOException.class)
    ProblemDetail interrupted(UncheckedIOException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "the upload could not be read to its end: " + e.getMessage());
        problem.setTitle("Unreadable import");
        return problem;
    }

    private ImportKind kind(String file) {
        ImportKind kind = kinds.get(file);
        if (kind == null) {
            throw notFound("No import of " + file + "; files are " + String.join(", ", kinds.keySet().stream()
                .sorted()
                .toList()));
        }
        return kind;
    }

    private static MediaType partType(MultipartFile upload) {
        try {
            return upload.getContentType() == null ? MediaType.APPLICATION_OCTET_STREAM
                    : MediaType.parseMediaType(upload.getContentType());
        }
        catch (InvalidMediaTypeException e) {
            // A body's own Content-Type is parsed by the framework (415); a part's is parsed here.
            throw new UnreadableImport("the file part's content type is malformed: " + e.getMessage());
        }
    }

    private static OnConflict onConflict(String value) {
        return OnConflict.of(value)
            .orElseThrow(() -> new InvalidField("onConflict", "must be keep or replace, not " + value));
    }

    private static Charset charset(MediaType type) {
        return type.getCharset() == null ? StandardCharsets.UTF_8 : type.getCharset();
    }

    private static ErrorResponseException notFound(String detail) {
        return new ErrorResponseException(HttpStatus.NOT_FOUND,
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail), null);
    }
}
