package io.ponte.hub.admin;

import io.javalin.config.JavalinConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals, made before a request reaches Javalin (a URI Jetty cannot decode, a request line or headers
 * beyond {@value #MAX_HEADER_BYTES} bytes), as problem+json like every other error instead of Jetty's HTML page.
 */
final class ProblemErrorHandler extends ErrorHandler {

    /** The most bytes of request line and headers together (Jetty's default, named so the detail can say it). */
    static final int MAX_HEADER_BYTES = 8192;

    private ProblemErrorHandler() {
    }

    /** Installs the handler and the header limit it reports. */
    static void install(JavalinConfig config) {
        config.jetty.modifyServer(server -> server.setErrorHandler(new ProblemErrorHandler()));
        config.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(MAX_HEADER_BYTES));
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        // no instance: the URI is what could not be read, or too long to echo
        byte[] body = Problems.json(Problem.of(Problems.slug(code), Problems.title(code), code, detail(code, message),
                null)).getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static String detail(int code, String message) {
        return switch (code) {
            // Jetty keeps neither the URI nor a reason for an undecodable one: say what it usually is
            case 400 -> String.valueOf(message).contains("UTF-8")
                    ? "the request URI's percent-encoded bytes are not valid UTF-8"
                    : "the request line cannot be read (" + message + "): check the URI's percent-encoding (a '%' "
                    + "must be followed by two hexadecimal digits, a literal '%' is %25, and %00 is never allowed)";
            case 414 -> "the request URI is too long: the request line and headers may take at most "
                    + MAX_HEADER_BYTES + " bytes; send long values in a request body";
            case 431 -> "the request headers are too large: the request line and headers may take at most "
                    + MAX_HEADER_BYTES + " bytes";
            default -> "the server could not handle the request (" + message + ")";
        };
    }
}
