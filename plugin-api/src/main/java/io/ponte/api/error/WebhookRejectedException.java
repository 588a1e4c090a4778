package io.ponte.api.error;

/**
 * Thrown by a {@link io.ponte.api.webhook.WebhookReceiver} to refuse a request. The hub answers with
 * {@link #status()} and an RFC 9457 problem whose detail is the message, and stores nothing.
 */
public class WebhookRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param status the HTTP status, 4xx
     * @param detail what is wrong, for the caller (never echo a secret or the expected signature)
     */
    public WebhookRejectedException(int status, String detail) {
        super(detail);
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("a rejection is a 4xx status, not " + status);
        }
        this.status = status;
    }

    /** 401: missing or wrong signature / token. */
    public static WebhookRejectedException unauthorized(String detail) {
        return new WebhookRejectedException(401, detail);
    }

    /** 400: the body cannot be parsed or lacks what the provider always sends. */
    public static WebhookRejectedException badRequest(String detail) {
        return new WebhookRejectedException(400, detail);
    }

    /** 403: authenticated but refused (e.g. a handshake with the wrong verify token). */
    public static WebhookRejectedException forbidden(String detail) {
        return new WebhookRejectedException(403, detail);
    }

    /** The HTTP status to answer with. */
    public int status() {
        return status;
    }
}
