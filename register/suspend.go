package register

import "time"

// Suspension is a period of waiting for identifying information that the
// officer asked for (GDPR Art. 12(6)). EDPB Guidelines 01/2022 §159 allow
// the clock to stand still meanwhile; dsrdesk shows the strict deadline and
// the suspension-adjusted one side by side and never moves the deadline
// silently.
type Suspension struct {
	Start time.Time
	End   time.Time // zero while still waiting
}

// SuspendedDays counts the calendar days (in Helsinki) the clock stood
// still in periods, an open period counting up to now. A period that starts
// and ends on the same day counts 0.
func SuspendedDays(periods []Suspension, now time.Time) int {
	days := 0
	for _, p := range periods {
		end := p.End
		if end.IsZero() {
			end = now
		}
		if n := ReceiptDate(p.Start).DaysUntil(ReceiptDate(end)); n > 0 {
			days += n
		}
	}
	return days
}

// AdjustedDue is the last day to answer a request received at received when
// the clock stood still for suspended days: the one-month date moved by
// those days, then to the next working day. With no suspension it is Due.
func AdjustedDue(received time.Time, suspended int) Date {
	return adjustedDeadline(received, false, suspended)
}

// adjustedDeadline is the last day to answer: one month after receipt, or
// three when extended, moved by the suspended days, then to the next
// working day.
func adjustedDeadline(received time.Time, extended bool, suspended int) Date {
	months := 1
	if extended {
		months = 3
	}
	return NextWorkingDay(AddMonths(ReceiptDate(received), months).AddDays(suspended))
}
