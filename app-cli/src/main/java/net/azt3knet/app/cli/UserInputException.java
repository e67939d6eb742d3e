package net.azt3knet.app.cli;

/** Input the user can fix (a flag, a file): reported as one clear line and exit code 2. */
final class UserInputException extends RuntimeException {

    UserInputException(String message) {
        super(message, null, false, false);
    }
}
