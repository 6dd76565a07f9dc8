package io.croupier.secrets.atrest;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Where an operator follows a key rotation: which key encrypts, and how many rows still wait for it. */
@Tag(name = "Encryption at rest", description = "Which key encrypts a service's stored signing secrets, how many "
        + "rows still wait for a rotated key, and re-encryption now. Through the front door at "
        + "/services/<service-name>/admin/secrets/encryption.")
@RestController
class EncryptionAtRestController {

    private final Reencryption reencryption;

    EncryptionAtRestController(Reencryption reencryption) {
        this.reencryption = reencryption;
    }

    @GetMapping("/admin/secrets/encryption")
    EncryptionStatus status() {
        return reencryption.status();
    }

    /** Re-encrypts every row still under an old key now, instead of at the next periodic run. */
    @PostMapping("/admin/secrets/encryption/re-encrypt")
    EncryptionStatus reencrypt() {
        return reencryption.reencryptAll();
    }
}
