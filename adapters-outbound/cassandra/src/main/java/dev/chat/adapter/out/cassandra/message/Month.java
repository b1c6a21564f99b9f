package dev.chat.adapter.out.cassandra.message;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/** The {@code month} partition key of a message: the calendar month of its sentAt in UTC, as yyyyMM. */
public final class Month {
    private Month() {
    }

    public static int of(Instant sentAt) {
        YearMonth month = YearMonth.from(sentAt.atOffset(ZoneOffset.UTC));
        return month.getYear() * 100 + month.getMonthValue();
    }
}
