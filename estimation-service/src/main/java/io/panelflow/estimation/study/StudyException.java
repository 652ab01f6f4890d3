package io.panelflow.estimation.study;

/** A study whose main model cannot be estimated; the message names the model and the cause. */
public class StudyException extends RuntimeException {
    public StudyException(String message, Throwable cause) {
        super(message, cause);
    }
}
