package io.tabhook.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lists page, filter and sort as Tableau's paging and filtering concepts describe, with Tableau's error codes. */
class SandboxListQueryTest extends FreshSandboxTest {
    @Override
    String signInSite() {
        return Demo.DEFAULT_SITE;
    }

    private String workbooks(String query) {
        return "/api/3.9/sites/" + admin.siteId + "/workbooks" + query;
    }

    private static List<String> names(Caller.Answer a, String element) {
        return a.xmlElements(element).stream().map(e -> e.getAttribute("name")).toList();
    }

    @Test
    void queryWorkbooksHonoursPageSizeAndPageNumber() {
        Caller.Answer first = admin.getXml(workbooks("?pageSize=1&pageNumber=1"));
        assertEquals(200, first.status(), first.body());
        assertEquals("1", first.xmlAttr("pagination", "pageNumber"));
        assertEquals("1", first.xmlAttr("pagination", "pageSize"));
        assertEquals("2", first.xmlAttr("pagination", "totalAvailable"));
        assertEquals(List.of("Superstore"), names(first, "workbook"));

        Caller.Answer second = admin.getXml(workbooks("?pageSize=1&pageNumber=2"));
        assertEquals("2", second.xmlAttr("pagination", "pageNumber"));
        assertEquals(List.of("Regional Sales"), names(second, "workbook"));

        JsonNode json = admin.getJson(workbooks("?pageSize=1&pageNumber=2")).json();
        assertEquals("2", json.get("pagination").get("pageNumber").asText());
        assertEquals("Regional Sales", json.get("workbooks").get("workbook").get(0).get("name").asText());
    }

    @Test
    void withoutPagingTheFirstHundredComeWithTheirPagination() {
        Caller.Answer a = admin.getXml(workbooks(""));
        assertEquals("1", a.xmlAttr("pagination", "pageNumber"));
        assertEquals("100", a.xmlAttr("pagination", "pageSize"));
        assertEquals(2, names(a, "workbook").size());
    }

    @ParameterizedTest
    @CsvSource({
            "?pageSize=0, 400, 400007",
            "?pageSize=ten, 400, 400007",
            "?pageSize=1001, 403, 403014",
            "?pageNumber=0, 400, 400006",
            "?pageNumber=x, 400, 400006",
            "?pageSize=1&pageNumber=3, 400, 400006",
    })
    void refusesPagesTableauRefuses(String query, int status, String code) {
        Caller.Answer a = admin.getXml(workbooks(query));
        assertEquals(status, a.status(), a.body());
        assertEquals(code, a.errorCode());
    }

    @Test
    void filtersAndSortsByName() {
        assertEquals(List.of("Regional Sales"), names(admin.getXml(workbooks("?filter=name:eq:Regional%20Sales")),
                "workbook"));
        assertEquals(List.of("Superstore", "Regional Sales"),
                names(admin.getXml(workbooks("?sort=name:desc")), "workbook"));
        assertEquals(List.of("Superstore", "Regional Sales"),
                names(admin.getXml(workbooks("?filter=name:in:[Superstore,Regional%20Sales]")), "workbook"));
    }

    @Test
    void aFilterOnAFieldTheSandboxDoesNotKnowIsRefusedNotIgnored() {
        Caller.Answer a = admin.getXml(workbooks("?filter=hitsTotal:gt:5"));
        assertEquals(400, a.status());
        assertTrue(a.errorDetail().contains("hitsTotal") && a.errorDetail().contains("name"), a.errorDetail());
    }
}
