package net.azt3knet.app.wiring;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the text files a user names (spec, .env, config, key files) and says in words why one cannot be read:
 * "no such file", "is a directory", "is not UTF-8 text (line 3)", rather than the JDK's exception names or
 * "Input length = 1".
 */
public final class TextFiles {

    /** Why a file could not be read, in words that fit after its name. */
    public static final class UnreadableException extends Exception {

        UnreadableException(String reason) {
            super(reason);
        }
    }

    private TextFiles() {
    }

    /** The whole of {@code file}, which must be UTF-8 (so ASCII) text. */
    public static String readUtf8(Path file) throws UnreadableException {
        if (Files.isDirectory(file)) throw new UnreadableException("is a directory, not a file");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UnreadableException("does not exist");
        } catch (AccessDeniedException e) {
            throw new UnreadableException("cannot be read: permission denied");
        } catch (IOException e) {
            throw new UnreadableException("cannot be read: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UnreadableException("is not UTF-8 text (line " + lineOfFirstBadByte(bytes)
                    + " holds bytes that are not); is it the right file?");
        }
    }

    private static int lineOfFirstBadByte(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        var out = java.nio.CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true); // stops at the first malformed sequence
        int line = 1;
        for (int i = 0; i < in.position(); i++) if (bytes[i] == '\n') line++;
        return line;
    }
}
