package io.shape.domain.run;

import io.shape.domain.ErrorKind;

/** Why a run did not succeed. */
public record RunError(ErrorKind kind, String message) {
}
