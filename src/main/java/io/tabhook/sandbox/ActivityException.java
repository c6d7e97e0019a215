package io.tabhook.sandbox;

/**
 * An activity that cannot happen: an unknown site or resource (404), a change that makes no sense in the current
 * state, such as promoting an administrator (409), or a bad argument (400). The message is one line for the user.
 */
public class ActivityException extends IllegalArgumentException {
    private final int status;

    public ActivityException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status the control endpoint answers with. */
    public int status() {
        return status;
    }
}
