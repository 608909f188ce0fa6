package io.taskapi.javalin.auth;

import com.nimbusds.jose.KeySourceException;

/** The key set that would verify a token cannot be fetched now: the token is neither accepted nor refused. */
final class KeysUnavailableException extends KeySourceException {
    private static final long serialVersionUID = 1L;

    KeysUnavailableException() {
        super("the signing keys cannot be fetched");
    }
}
