package register

import (
	"testing"
	"time"
)

func TestSuspendedDaysAndAdjustedDue(t *testing.T) {
	h := func(y int, m time.Month, d, hh int) time.Time { return time.Date(y, m, d, hh, 0, 0, 0, Helsinki) }
	received := h(2026, 11, 2, 10) // due Wed 2 Dec 2026
	periods := []Suspension{
		{Start: h(2026, 11, 3, 9), End: h(2026, 11, 10, 15)},  // 7 days
		{Start: h(2026, 11, 12, 9), End: h(2026, 11, 12, 17)}, // same day: 0
		{Start: h(2026, 11, 20, 9)},                           // still waiting: to now
	}
	now := h(2026, 11, 24, 12)
	days := SuspendedDays(periods, now)
	if days != 7+0+4 {
		t.Fatalf("SuspendedDays = %d, want 11", days)
	}
	if due := Due(received); due.String() != "2026-12-02" {
		t.Fatalf("Due = %s", due)
	}
	// 2 Dec + 11 days = Sun 13 Dec → Mon 14 Dec.
	if got := AdjustedDue(received, days); got.String() != "2026-12-14" {
		t.Errorf("AdjustedDue = %s, want 2026-12-14", got)
	}
	// 2 Dec + 4 = 6 Dec, Independence Day and a Sunday → Mon 7 Dec.
	if got := AdjustedDue(received, 4); got.String() != "2026-12-07" {
		t.Errorf("AdjustedDue(4) = %s, want 2026-12-07", got)
	}
	if AdjustedDue(received, 0) != Due(received) {
		t.Error("with no suspension the adjusted date must be the strict one")
	}
}
