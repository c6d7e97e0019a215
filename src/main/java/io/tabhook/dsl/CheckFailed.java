package io.tabhook.dsl;

/** An {@code expect} that did not hold. */
public class CheckFailed extends RuntimeException {
    public CheckFailed(String message) {
        super(message);
    }
}
