package io.ponte.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Requests {@link java.net.http.HttpClient} refuses to send (a URI with {@code %zz}, a request line of 20 kB),
 * written to a socket as they are.
 */
final class RawHttp {

    /** The answer: status, headers as one lower-cased block, body. */
    record Answer(int status, String headers, String body) {
        String contentType() {
            return headers.lines().filter(l -> l.startsWith("content-type:")).map(l -> l.substring(13).strip())
                    .findFirst().orElse(null);
        }
    }

    private RawHttp() {
    }

    /** Sends {@code <method> <target> HTTP/1.1} with the extra header lines and no body. */
    static Answer send(int port, String method, String target, String... headerLines) {
        StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\nConnection: close\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = response.indexOf("\r\n\r\n");
            String head = end < 0 ? response : response.substring(0, end);
            int status = Integer.parseInt(head.substring(9, 12));
            String headers = head.substring(head.indexOf("\r\n") + 2).toLowerCase(Locale.ROOT).replace("\r\n", "\n");
            return new Answer(status, headers, end < 0 ? "" : response.substring(end + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
