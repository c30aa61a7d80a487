package io.shape.adapters.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Lets a call through only with metadata {@code authorization: Bearer <the configured token>}. */
final class BearerTokenCheck implements ServerInterceptor {
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final byte[] expected;

    BearerTokenCheck(String token) {
        this.expected = digest("Bearer " + token);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        String given = headers.get(AUTHORIZATION);
        // comparing digests in constant time reveals neither the token's content nor its length
        if (given == null || !MessageDigest.isEqual(digest(given), expected)) {
            call.close(Status.UNAUTHENTICATED.withDescription(
                    "missing or wrong token: send metadata 'authorization: Bearer <token>'"), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        return next.startCall(call, headers);
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
