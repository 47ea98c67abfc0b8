package org.helperscripts.telemetry.ports.out;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link WeeklyReportLedger} in memory, for tests: shared by several services it stands for a
 * ledger several instances share. It remembers every claim that was asked for.
 */
public final class InMemoryWeeklyReportLedger implements WeeklyReportLedger {

    private final Set<String> claimed = ConcurrentHashMap.newKeySet();
    private final List<String> asked = new CopyOnWriteArrayList<>();

    @Override
    public boolean claim(String isoWeek) {
        asked.add(isoWeek);
        return claimed.add(isoWeek);
    }

    @Override
    public void release(String isoWeek) {
        claimed.remove(isoWeek);
    }

    /** The weeks held now. */
    public Set<String> claimed() {
        return Set.copyOf(claimed);
    }

    /** Every week a claim was asked for, in order, won or not. */
    public List<String> asked() {
        return List.copyOf(asked);
    }
}
