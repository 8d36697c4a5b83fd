package dev.roster.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;

import java.time.Instant;
import java.util.Map;

/**
 * One JSON object per log line, as CloudWatch Logs Insights reads it: time, level, logger, message and the MDC
 * (requestId, route). Hand-written to keep the function jars free of a JSON logging library.
 */
public class JsonLayout extends LayoutBase<ILoggingEvent> {

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder out = new StringBuilder(256).append('{');
        field(out, "time", Instant.ofEpochMilli(event.getTimeStamp()).toString()).append(',');
        field(out, "level", event.getLevel().toString()).append(',');
        field(out, "logger", event.getLoggerName()).append(',');
        field(out, "message", event.getFormattedMessage());
        for (Map.Entry<String, String> entry : event.getMDCPropertyMap().entrySet()) {
            out.append(',');
            field(out, entry.getKey(), entry.getValue());
        }
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
            out.append(',');
            field(out, "error", ThrowableProxyUtil.asString(error));
        }
        return out.append("}\n").toString();
    }

    private static StringBuilder field(StringBuilder out, String name, String value) {
        quote(out, name).append(':');
        return value == null ? out.append("null") : quote(out, value);
    }

    private static StringBuilder quote(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}
