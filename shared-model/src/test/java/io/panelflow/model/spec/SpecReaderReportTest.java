package io.panelflow.model.spec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code report: {language: zh}}: English by default, Chinese on request, anything else refused by name. */
class SpecReaderReportTest {
    private static final String HEAD = """
            name: t
            panel: {unit: province, time: year}
            """;

    @Test
    void theReportIsInEnglishUnlessTheSpecSaysOtherwise() {
        assertEquals("en", SpecReader.read(HEAD).report().language());
        assertEquals("zh", SpecReader.read(HEAD + "report: {language: zh}\n").report().language());
        assertEquals("en", SpecReader.read(HEAD + "report: {}\n").report().language());
    }

    @Test
    void anotherLanguageIsRefusedWithTheValidOnes() {
        SpecException e = assertThrows(SpecException.class, () -> SpecReader.read(HEAD + "report: {language: cn}\n"));
        assertEquals("$.report.language", e.path());
        assertTrue(e.getMessage().startsWith("'cn' is not a"), e.getMessage());
        assertTrue(e.getMessage().contains("en") && e.getMessage().contains("zh"), e.getMessage());
        SpecException field = assertThrows(SpecException.class, () -> SpecReader.read(HEAD + "report: {lang: zh}\n"));
        assertTrue(field.getMessage().contains("'lang'"), field.getMessage());
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Test
    void theLanguageTravelsWithTheSpecInEvents() throws Exception {
        StudySpec spec = SpecReader.read(HEAD + "report: {language: zh}\nlabels: {Y: 基本公共服务均等化}\n");
        StudySpec back = JSON.readValue(JSON.writeValueAsString(spec), StudySpec.class);
        assertEquals("zh", back.report().language());
        assertEquals("基本公共服务均等化", back.label("Y"));
        // a spec stored before the report section existed reads as English
        String old = JSON.writeValueAsString(SpecReader.read(HEAD)).replaceAll(",\"report\":\\{[^}]*}", "");
        assertEquals("en", JSON.readValue(old, StudySpec.class).report().language());
    }
}
