package io.panelflow.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;

/** Reading the user's files, with a sentence instead of an exception. */
final class UserFiles {
    private UserFiles() {
    }

    static String readString(Path file) {
        readable(file);
        try {
            return java.nio.file.Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new CliFailure(ExitCodes.INVALID, file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.INVALID, "cannot read " + file + ": " + e.getMessage());
        }
    }

    static void readable(Path file) {
        if (!java.nio.file.Files.exists(file)) {
            throw new CliFailure(ExitCodes.INVALID, "there is no file " + file);
        }
        if (!java.nio.file.Files.isRegularFile(file) || !java.nio.file.Files.isReadable(file)) {
            throw new CliFailure(ExitCodes.INVALID, file + " is not a readable file");
        }
    }
}
