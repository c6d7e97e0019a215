package io.tabhook.cli;

import io.tabhook.api.ApiVersion;
import io.tabhook.api.WireFormat;
import io.tabhook.client.ServerAddress;
import io.tabhook.client.Tls;
import io.tabhook.repl.Tilde;
import io.tabhook.sandbox.Faults;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;

/**
 * How the options' values are read. A value that does not fit is a picocli parameter error: one line, exit 2,
 * before anything starts ({@link Main#commandLine} prints it).
 */
final class Converters {
    private Converters() {}

    /** The text of an {@link IllegalArgumentException} from {@code parse} as picocli's conversion error. */
    private static <V, T> T read(V value, Function<V, T> parse) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /**
     * Any whole-number option ({@code --port}, {@code --keep}, …), where picocli's own error says "is not an int".
     * A class, not a method reference: a lambda over picocli's Java 5 interfaces crashes the launcher's AppCDS dump.
     */
    static final class WholeNumber implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            try {
                return Long.valueOf(text.strip());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("needs a whole number, not '" + text + "'");
            }
        }
    }

    /** {@link WholeNumber} for an {@code int} option; out of an int's range is the same error. */
    static final class WholeInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            long n = new WholeNumber().convert(text);
            if (n != (int) n) throw new TypeConversionException("needs a whole number, not '" + text + "'");
            return (int) n;
        }
    }

    /**
     * {@code --server}: a URL, host:port (http on this machine, https elsewhere), or a site's browser address, which
     * names the site too; trailing slashes dropped.
     */
    static final class ServerUrl implements ITypeConverter<ServerAddress> {
        @Override
        public ServerAddress convert(String text) {
            return read(text, ServerAddress::parse);
        }
    }

    /** {@code --relay}: smee, webhook.site or an http(s) URL; a malformed one is a usage mistake, before anything starts. */
    static final class RelayAddress implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            try {
                io.tabhook.relay.Relay.checkAddress(text);
            } catch (io.tabhook.relay.RelayException e) {
                throw new TypeConversionException(e.getMessage().replaceFirst("^relay: ", ""));
            }
            return text;
        }
    }

    /** {@code --format xml|json}. */
    static final class Format implements ITypeConverter<WireFormat> {
        @Override
        public WireFormat convert(String text) {
            return read(text, WireFormat::parse);
        }
    }

    /** {@code --faults error-rate=0.3,expire-tokens=3s,…}: the sandbox's faults, or one line saying what to write. */
    static final class SandboxFaults implements ITypeConverter<Faults> {
        @Override
        public Faults convert(String text) {
            return read(text, Faults::parse);
        }
    }

    /** {@code --api-version 3.9}. */
    static final class Version implements ITypeConverter<ApiVersion> {
        @Override
        public ApiVersion convert(String text) {
            return read(text, ApiVersion::parse);
        }
    }

    /** {@code --cacert FILE.pem}: read now, so a missing or empty file is a usage error rather than a TLS failure later. */
    static final class PemFile implements ITypeConverter<Path> {
        @Override
        public Path convert(String text) {
            Path pem = Tilde.path(text);
            read(pem, Tls::certificates);
            return pem;
        }
    }

    /** A whole number of {@code unit}s, at least {@code least}, as a {@link Duration}. */
    private abstract static class Whole implements ITypeConverter<Duration> {
        private final ChronoUnit unit;
        private final long least;

        Whole(ChronoUnit unit, long least) {
            this.unit = unit;
            this.least = least;
        }

        @Override
        public Duration convert(String text) {
            long n;
            try {
                n = Long.parseLong(text.strip());
            } catch (NumberFormatException e) {
                n = Long.MIN_VALUE;
            }
            if (n < least) {
                throw new TypeConversionException("needs a whole number of " + unit.toString().toLowerCase()
                        + (least > 0 ? " from " + least : ", 0 or more") + ", not '" + text + "'");
            }
            return Duration.of(n, unit);
        }
    }

    /** {@code --timeout SECONDS}. */
    static final class Seconds extends Whole {
        Seconds() { super(ChronoUnit.SECONDS, 1); }
    }

    /** {@code --retry-for SECONDS}: 0 for no tries after the first. */
    static final class SecondsOrNone extends Whole {
        SecondsOrNone() { super(ChronoUnit.SECONDS, 0); }
    }

    /** {@code --token-ttl MINUTES}. */
    static final class Minutes extends Whole {
        Minutes() { super(ChronoUnit.MINUTES, 1); }
    }

    /** {@code --retry-backoff MS}. */
    static final class Millis extends Whole {
        Millis() { super(ChronoUnit.MILLIS, 0); }
    }
}
