package io.github.spred4j.api;

/**
 * A failure reported by a device or its driver: names the call, the error code's name and the sizes involved.
 */
public class DeviceException extends RuntimeException {
    public DeviceException(String message) {
        super(message);
    }

    public DeviceException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Builds the standard message: {@code call failed: CODE_NAME (code) [details]}. */
    public static DeviceException of(String call, String codeName, int code, String details) {
        return new DeviceException(call + " failed: " + codeName + " (" + code + ")"
                + (details == null || details.isEmpty() ? "" : " [" + details + "]"));
    }
}
