package io.tabhook.api;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A Content-Type or Accept header names a wire format in any case, with any parameters, or names none. */
class WireFormatTest {
    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "application/json                              | JSON",
            "application/xml                               | XML",
            "application/json; charset=UTF-8               | JSON",
            "application/xml;charset=utf-8                 | XML",
            "Application/JSON                              | JSON",
            "TEXT/XML; Charset=UTF-8                       | XML",
            "  application/json  ;  charset=utf-8          | JSON",
            "application/problem+json                      | JSON",
            "application/vnd.tableau+xml                   | XML",
            "text/plain                                    | none",
            "text/html; charset=json                       | none",
            "*/*                                           | none",
            "text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2 | none",
            "application/xml, application/json             | XML",
            "application/xml;q=0.5, application/json       | JSON",
            "application/json;q=0, application/xml;q=0.1   | XML",
            "application/json;Q=0.9, application/xml;q=0.8 | JSON",
            "''                                            | none",
            "NULL                                          | none"})
    void theMediaTypeNamesTheFormat(String header, String expected) {
        assertEquals(expected, WireFormat.ofMediaType(header).map(Enum::name).orElse("none"));
        assertEquals(expected.equals("JSON") ? WireFormat.JSON : WireFormat.XML, WireFormat.fromHeader(header),
                "fromHeader falls back to XML, as Tableau does");
    }
}
