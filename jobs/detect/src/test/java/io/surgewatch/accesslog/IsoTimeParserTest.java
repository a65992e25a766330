package io.surgewatch.accesslog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The fast ISO-8601 reader accepts exactly what {@link Instant#parse} accepts and reads the same instant. */
class IsoTimeParserTest {
    @Test
    void eachEdgeCaseReadsAsInstantParseReadsItOrFailsAsItFails() {
        List<String> cases = List.of("2022-01-04T08:00:00+08:00", "2022-01-04T08:00:00Z", "2022-01-04T08:00:00.5+08:00",
                "2022-01-04T08:00:00.123456789-05:30", "2022-01-04T08:00:00.1234567891Z", "2022-01-04T08:00:00.Z", "2022-02-29T00:00:00Z",
                "2024-02-29T23:59:59Z", "2022-13-01T00:00:00Z", "2022-01-32T00:00:00Z", "2022-01-04T24:00:00Z", "2022-01-04T23:60:00Z",
                "2022-01-04T23:59:60Z", "2022-01-04t08:00:00z", "2022-01-04T08:00:00+18:00", "2022-01-04T08:00:00+18:01",
                "2022-01-04T08:00:00+19:00", "2022-01-04T08:00:00-00:00", "2022-01-04T08:00:00+0800", "2022-01-04T08:00:00+08:00:30",
                "2022-01-04 08:00:00Z", "1969-12-31T23:59:59.999Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
                "+10000-01-01T00:00:00Z", "2022-01-04T08:00Z", "2022-1-04T08:00:00Z", "２022-01-04T08:00:00Z", "2022-01-04T08:00:00", "");
        for (String t : cases) {
            assertEquals(viaInstantParse(t), viaFastReader(new IsoTimeParser(), t), t);
        }
    }

    @Test
    void aMillionRandomTimesReadTheSameOneReaderAfterTheOther() {
        Random random = new Random(7);
        IsoTimeParser reader = new IsoTimeParser(); // one reader throughout: its cached day must never leak into another date
        for (int i = 0; i < 1_000_000; i++) {
            Instant at = Instant.ofEpochSecond(random.nextLong(-2_000_000_000L, 4_000_000_000L), random.nextInt(1_000_000_000));
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 4, 18 * 4 + 1) * 900);
            String t = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atOffset(offset));
            assertEquals(viaInstantParse(t), viaFastReader(reader, t), t);
        }
    }

    private static String viaInstantParse(String t) {
        try {
            return String.valueOf(Instant.parse(t).toEpochMilli());
        } catch (RuntimeException e) {
            return "refused";
        }
    }

    private static String viaFastReader(IsoTimeParser reader, String t) {
        try {
            return String.valueOf(reader.epochMillis(t));
        } catch (RuntimeException e) {
            return "refused";
        }
    }
}
