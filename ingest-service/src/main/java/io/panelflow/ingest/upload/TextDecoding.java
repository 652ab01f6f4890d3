package io.panelflow.ingest.upload;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns the bytes of a text upload into characters, the way Chinese regional data files arrive:
 * <ol>
 *   <li>a byte-order mark decides: UTF-8 ({@code EF BB BF}), UTF-16LE ({@code FF FE}, Excel's
 *       "Unicode text") or UTF-16BE ({@code FE FF}); the mark is dropped;</li>
 *   <li>without a mark, a strict UTF-8 decode (malformed bytes are errors, not replaced);</li>
 *   <li>if that fails, a strict GB18030 decode (a superset of GBK and GB2312, what Chinese Windows
 *       and Excel write as "ANSI");</li>
 *   <li>if that fails too, the upload is rejected.</li>
 * </ol>
 * A file upload is decoded as it is read ({@link #candidates(byte[])}): a UTF-8 decoding that meets a
 * malformed byte is abandoned and the file read again as GB18030.
 */
public final class TextDecoding {
    /** GB18030, the Chinese national standard encoding that contains GBK. */
    public static final Charset GB18030 = Charset.forName("GB18030");

    private TextDecoding() {
    }

    /** The decoded text and the encoding it was read with. */
    public record Decoded(String text, Charset charset) {
    }

    /**
     * How a text file may be decoded, in the order to try: the charset its byte-order mark names (alone), else
     * UTF-8 then GB18030.
     *
     * @param head the first bytes of the file (at least three when the file has them)
     */
    static List<Candidate> candidates(byte[] head) {
        if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
            return List.of(new Candidate(StandardCharsets.UTF_8, 3, true));
        }
        if (startsWith(head, 0xFF, 0xFE)) {
            return List.of(new Candidate(StandardCharsets.UTF_16LE, 2, true));
        }
        if (startsWith(head, 0xFE, 0xFF)) {
            return List.of(new Candidate(StandardCharsets.UTF_16BE, 2, true));
        }
        return List.of(new Candidate(StandardCharsets.UTF_8, 0, false), new Candidate(GB18030, 0, false));
    }

    /** A way to decode a file: its charset and the bytes of the byte-order mark to skip. */
    record Candidate(Charset charset, int skip, boolean byByteOrderMark) {
        /** A strict decoder: malformed or unmappable bytes are errors, never replaced. */
        CharsetDecoder decoder() {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }

        UploadProblem notDecodable() {
            return byByteOrderMark ? UploadProblem.of("Unreadable text encoding",
                    "the file starts with a " + charset.name() + " byte-order mark but is not valid " + charset.name())
                    : UploadProblem.of("Unreadable text encoding",
                    "the file is neither UTF-8 nor GB18030/GBK text; save it as CSV UTF-8");
        }
    }

    public static Decoded decode(byte[] data) {
        if (startsWith(data, 0xEF, 0xBB, 0xBF)) {
            return strict(data, 3, StandardCharsets.UTF_8);
        }
        if (startsWith(data, 0xFF, 0xFE)) {
            return strict(data, 2, StandardCharsets.UTF_16LE);
        }
        if (startsWith(data, 0xFE, 0xFF)) {
            return strict(data, 2, StandardCharsets.UTF_16BE);
        }
        try {
            return new Decoded(decodeStrictly(data, 0, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        } catch (CharacterCodingException notUtf8) {
            try {
                return new Decoded(decodeStrictly(data, 0, GB18030), GB18030);
            } catch (CharacterCodingException notGb) {
                throw UploadProblem.of("Unreadable text encoding",
                        "the file is neither UTF-8 nor GB18030/GBK text; save it as CSV UTF-8");
            }
        }
    }

    private static Decoded strict(byte[] data, int offset, Charset charset) {
        try {
            return new Decoded(decodeStrictly(data, offset, charset), charset);
        } catch (CharacterCodingException e) {
            throw UploadProblem.of("Unreadable text encoding",
                    "the file starts with a " + charset.name() + " byte-order mark but is not valid " + charset.name());
        }
    }

    private static String decodeStrictly(byte[] data, int offset, Charset charset) throws CharacterCodingException {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = decoder.decode(ByteBuffer.wrap(data, offset, data.length - offset));
        return chars.toString();
    }

    private static boolean startsWith(byte[] data, int... prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((data[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
