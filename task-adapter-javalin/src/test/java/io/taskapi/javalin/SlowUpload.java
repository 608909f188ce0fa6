package io.taskapi.javalin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A POST /tasks whose body arrives in two parts, so that the request is being handled (its handler blocked reading the
 * body) for as long as a test wants: a request in flight that the test controls.
 */
final class SlowUpload implements AutoCloseable {
    private final Socket socket;
    private final byte[] body;
    private final int split;

    private SlowUpload(Socket socket, byte[] body, int split) {
        this.socket = socket;
        this.body = body;
        this.split = split;
    }

    /** Sends the request line, the headers and the first part of a create request for {@code text}. */
    static SlowUpload begin(int port, String text) {
        byte[] body = ("{\"task\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
        try {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /tasks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            int split = body.length / 2;
            out.write(body, 0, split);
            out.flush();
            return new SlowUpload(socket, body, split);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends the rest of the body and returns the whole response, status line first. */
    String finish() {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(body, split, body.length - split);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            return response.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
