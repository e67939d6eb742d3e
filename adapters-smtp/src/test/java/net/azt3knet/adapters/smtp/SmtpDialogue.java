package net.azt3knet.adapters.smtp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** A raw SMTP client over a real socket: the test writes exact bytes and reads the server's replies whole. */
final class SmtpDialogue implements AutoCloseable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    SmtpDialogue(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** The next reply, all its lines joined by '\n' (without CRLF). */
    String reply() throws IOException {
        StringBuilder all = new StringBuilder();
        while (true) {
            String line = line();
            all.append(all.isEmpty() ? "" : "\n").append(line);
            if (line.length() < 4 || line.charAt(3) != '-') return all.toString();
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c == -1) throw new IOException("connection closed after: " + b.toString(StandardCharsets.UTF_8));
            if (c != '\r') b.write(c);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    /** Sends one command line and returns the reply. */
    String send(String command) throws IOException {
        write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
        return reply();
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** STARTTLS, the handshake with {@code trust}, and EHLO again; returns the new EHLO reply. */
    String startTls(SSLContext trust, String helo) throws IOException {
        String ready = send("STARTTLS");
        if (!ready.startsWith("220")) throw new IOException("STARTTLS refused: " + ready);
        SSLSocket tls = (SSLSocket) trust.getSocketFactory().createSocket(socket, "localhost", socket.getPort(), true);
        tls.startHandshake();
        socket = tls;
        in = new BufferedInputStream(tls.getInputStream());
        out = tls.getOutputStream();
        return send("EHLO " + helo);
    }

    String authPlain(String user, String password) throws IOException {
        String token = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        return send("AUTH PLAIN " + token);
    }

    /** DATA, then {@code message} (already dot-stuffed, CRLF line ends, ending in CRLF), then the end mark; returns the final reply. */
    String data(byte[] message) throws IOException {
        String go = send("DATA");
        if (!go.startsWith("354")) return go;
        write(message);
        write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        return reply();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
