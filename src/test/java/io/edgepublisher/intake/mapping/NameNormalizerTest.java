package io.edgepublisher.intake.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** INTAKE.md §3.4 dbms/table normalisation. */
class NameNormalizerTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "AnyLog Co|anylog_co",
        "cutter 23_12-34|cutter_23_12_34",
        "AnyLog Co.|anylog_co_",
        "Acme/West|acme_west",
        "Press#1_A:B|press0x231_a_b",
        "'  padded  '|padded",
        "a\\b|a_b",
        "Zürich|z0xfcrich",
        "東|0xe60x9d0xb1",
        "x+y=z|x0x2by0x3dz",
        "'   '|''",
        "already_normal_42|already_normal_42",
    })
    void normalises(String raw, String expected) {
        assertEquals(expected, NameNormalizer.normalize(raw));
    }

    @org.junit.jupiter.api.Test
    void supplementaryCharactersUseTheirUtf8Bytes() {
        assertEquals("a0xf00x9f0x980x80b", NameNormalizer.normalize("a\uD83D\uDE00b"));
        assertEquals("t0x09ab", NameNormalizer.normalize("t\tab"));
    }
}
