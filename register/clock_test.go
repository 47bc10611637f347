package register

import (
	"testing"
	"time"
)

// Every expected date and weekday in these tables was checked against an
// independent calendar, not written from memory.

// mustDate parses YYYY-MM-DD or fails the test.
func mustDate(t testing.TB, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// mustInstant parses an RFC 3339 instant, or takes a bare YYYY-MM-DD as noon
// in Helsinki on that day.
func mustInstant(t testing.TB, s string) time.Time {
	t.Helper()
	if len(s) == len(time.DateOnly) {
		d := mustDate(t, s)
		return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, Helsinki)
	}
	at, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return at
}

func TestClockHelsinkiZone(t *testing.T) {
	if Helsinki == nil || Helsinki.String() != "Europe/Helsinki" {
		t.Fatalf("Helsinki = %v", Helsinki)
	}
	// Winter offset +2, summer offset +3.
	for _, c := range []struct {
		at   string
		want int
	}{
		{"2026-01-15T12:00:00Z", 2 * 3600},
		{"2026-07-15T12:00:00Z", 3 * 3600},
	} {
		_, off := mustInstant(t, c.at).In(Helsinki).Zone()
		if off != c.want {
			t.Errorf("offset at %s = %d, want %d", c.at, off, c.want)
		}
	}
}

func TestReceiptDate(t *testing.T) {
	cases := []struct {
		name string
		at   string // the instant (IMAP INTERNALDATE)
		want string // the day it counts as received
	}{
		{"winter UTC evening already next day in Helsinki (+2)", "2026-03-04T22:30:00Z", "2026-03-05"},
		{"winter one second before Helsinki midnight", "2026-02-13T21:59:59Z", "2026-02-13"},
		{"winter exactly Helsinki midnight", "2026-02-13T22:00:00Z", "2026-02-14"},
		{"summer UTC evening already next day in Helsinki (+3)", "2026-06-10T21:30:00Z", "2026-06-11"},
		{"summer one second before Helsinki midnight", "2026-06-10T20:59:59Z", "2026-06-10"},
		{"summer exactly Helsinki midnight", "2026-06-10T21:00:00Z", "2026-06-11"},
		{"instant given in another zone is judged in Helsinki", "2026-03-04T17:30:00-05:00", "2026-03-05"},
		{"instant given in Helsinki local time", "2026-03-05T00:30:00+02:00", "2026-03-05"},
		{"year change: UTC New Year's Eve is New Year's Day in Helsinki", "2026-12-31T22:15:00Z", "2027-01-01"},

		// Spring forward, Sunday 29 March 2026: 03:00 EET becomes 04:00 EEST at 01:00 UTC.
		{"spring DST: Helsinki midnight before the switch (+2)", "2026-03-28T22:00:00Z", "2026-03-29"},
		{"spring DST: one second before Helsinki midnight (+2)", "2026-03-28T21:59:59Z", "2026-03-28"},
		{"spring DST: 02:59:59 EET just before the jump", "2026-03-29T00:59:59Z", "2026-03-29"},
		{"spring DST: 04:00 EEST just after the jump", "2026-03-29T01:00:00Z", "2026-03-29"},
		{"spring DST: 23:59:59 EEST same evening (+3 now)", "2026-03-29T20:59:59Z", "2026-03-29"},
		{"spring DST: 21:30 UTC is already 30 March (+3, not +2)", "2026-03-29T21:30:00Z", "2026-03-30"},

		// Fall back, Sunday 25 October 2026: 04:00 EEST becomes 03:00 EET at 01:00 UTC.
		{"autumn DST: Helsinki midnight before the switch (+3)", "2026-10-24T21:00:00Z", "2026-10-25"},
		{"autumn DST: one second before Helsinki midnight (+3)", "2026-10-24T20:59:59Z", "2026-10-24"},
		{"autumn DST: 03:59:59 EEST just before the switch", "2026-10-25T00:59:59Z", "2026-10-25"},
		{"autumn DST: 03:00 EET just after the switch", "2026-10-25T01:00:00Z", "2026-10-25"},
		{"autumn DST: 21:30 UTC is still 25 October (+2, not +3)", "2026-10-25T21:30:00Z", "2026-10-25"},
		{"autumn DST: Helsinki midnight after the switch (+2)", "2026-10-25T22:00:00Z", "2026-10-26"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := ReceiptDate(mustInstant(t, c.at))
			if want := mustDate(t, c.want); got != want {
				t.Errorf("ReceiptDate(%s) = %s, want %s", c.at, got, want)
			}
		})
	}
}

func TestDue(t *testing.T) {
	cases := []struct {
		name     string
		received string // instant, or a bare date meaning noon in Helsinki
		want     string
	}{
		// EDPB Guidelines 01/2022 examples.
		{"EDPB: 5 March -> 5 April, a Monday", "2027-03-05", "2027-04-05"},
		{"EDPB: 5 March -> 5 April, a Friday", "2024-03-05", "2024-04-05"},
		{"EDPB: 5 March -> 5 April is a Saturday, rolls to Monday 7 April", "2025-03-05", "2025-04-07"},
		{"EDPB: 5 March -> 5 April is Easter Sunday, past Easter Monday to Tuesday 7 April", "2026-03-05", "2026-04-07"},
		{"EDPB: 31 August -> 30 September (Wednesday)", "2026-08-31", "2026-09-30"},
		{"31 August -> 30 September is a Saturday, rolls to Monday 2 October", "2028-08-31", "2028-10-02"},
		{"31 August -> 30 September is a Sunday, rolls to Monday 1 October", "2029-08-31", "2029-10-01"},

		// Month-end clamping.
		{"31 January 2028 -> 29 February, leap year (Tuesday)", "2028-01-31", "2028-02-29"},
		{"30 January 2028 -> 29 February, leap year", "2028-01-30", "2028-02-29"},
		{"29 January 2028 -> 29 February, exact in leap year", "2028-01-29", "2028-02-29"},
		{"31 January 2027 -> 28 February is a Sunday, rolls to Monday 1 March", "2027-01-31", "2027-03-01"},
		{"31 March -> 30 April (31 to 30 days)", "2026-03-31", "2026-04-30"},
		{"31 May -> 30 June (31 to 30 days)", "2026-05-31", "2026-06-30"},
		{"31 October -> 30 November (31 to 30 days)", "2026-10-31", "2026-11-30"},
		{"30 April -> 30 May, not 31; a Saturday, rolls to Monday 1 June", "2026-04-30", "2026-06-01"},
		{"December -> January of next year", "2026-12-15", "2027-01-15"},
		{"31 December -> 31 January is a Sunday, rolls to Monday 1 February", "2026-12-31", "2027-02-01"},
		{"31 December -> 31 January is a Saturday, rolls to Monday 2 February", "2025-12-31", "2026-02-02"},

		// Each Finnish holiday as the landing day.
		{"New Year's Day (Thursday) -> Friday 2 January", "2025-12-01", "2026-01-02"},
		{"New Year's Day on a Friday -> chain through weekend to Monday 4 January", "2026-12-01", "2027-01-04"},
		{"Epiphany (Tuesday) -> Wednesday 7 January", "2025-12-06", "2026-01-07"},
		{"Good Friday -> chain past Easter to Tuesday after Easter Monday", "2026-03-03", "2026-04-07"},
		{"Easter Sunday -> Tuesday after Easter Monday", "2028-03-16", "2028-04-18"},
		{"Easter Monday -> Tuesday", "2026-03-06", "2026-04-07"},
		{"May Day (Monday) -> Tuesday 2 May", "2028-04-01", "2028-05-02"},
		{"May Day on a Friday -> chain through weekend to Monday 4 May", "2026-04-01", "2026-05-04"},
		{"Ascension Day (Thursday) -> Friday", "2026-04-14", "2026-05-15"},
		{"Whit Sunday -> Monday", "2026-04-24", "2026-05-25"},
		{"Midsummer Eve -> chain through Midsummer Day and Sunday to Monday", "2026-05-19", "2026-06-22"},
		{"Midsummer Day -> Monday", "2026-05-20", "2026-06-22"},
		{"All Saints' Day (Saturday 1 November) -> Monday 3 November", "2025-10-01", "2025-11-03"},
		{"All Saints' Day (Saturday 6 November) -> Monday 8 November", "2027-10-06", "2027-11-08"},
		{"Independence Day (Monday) -> Tuesday 7 December", "2027-11-06", "2027-12-07"},
		{"Christmas Eve (Thursday) -> chain 24-27 December to Monday 28", "2026-11-24", "2026-12-28"},
		{"Christmas Eve (Sunday) -> chain 24-26 December to Wednesday 27", "2028-11-24", "2028-12-27"},
		{"Christmas Day (Friday) -> chain through weekend to Monday 28", "2026-11-25", "2026-12-28"},
		{"Boxing Day (Tuesday) -> Wednesday 27", "2028-11-26", "2028-12-27"},

		// Ordinary weekends.
		{"Saturday -> Monday", "2026-01-14", "2026-02-16"},
		{"Sunday -> Monday", "2026-01-15", "2026-02-16"},
		{"weekday lands on weekday, unchanged", "2026-02-13", "2026-03-13"},

		// Receipt instant judged in Helsinki.
		{"winter late UTC evening is next day in Helsinki: 5 March based", "2026-03-04T22:30:00Z", "2026-04-07"},
		{"winter one second before Helsinki midnight: 13 February -> Friday 13 March", "2026-02-13T21:59:59Z", "2026-03-13"},
		{"winter Helsinki midnight: 14 February -> Saturday 14 March -> Monday 16", "2026-02-13T22:00:00Z", "2026-03-16"},
		{"summer one second before Helsinki midnight: 10 June -> Friday 10 July", "2026-06-10T20:59:59Z", "2026-07-10"},
		{"summer late UTC evening is next day: 11 June -> Saturday 11 July -> Monday 13", "2026-06-10T21:30:00Z", "2026-07-13"},

		// Around the DST switches.
		{"spring DST: 02:59:59 EET on 29 March -> 29 April", "2026-03-29T00:59:59Z", "2026-04-29"},
		{"spring DST: 04:00 EEST on 29 March -> 29 April", "2026-03-29T01:00:00Z", "2026-04-29"},
		{"spring DST: 21:30 UTC is 30 March in Helsinki -> 30 April", "2026-03-29T21:30:00Z", "2026-04-30"},
		{"autumn DST: 03:59:59 EEST on 25 October -> 25 November", "2026-10-25T00:59:59Z", "2026-11-25"},
		{"autumn DST: 03:00 EET on 25 October -> 25 November", "2026-10-25T01:00:00Z", "2026-11-25"},
		{"autumn DST: 21:30 UTC on 25 October is still 25 October -> 25 November", "2026-10-25T21:30:00Z", "2026-11-25"},
		{"autumn DST: 20:59:59 UTC on 24 October (+3) -> 24 November", "2026-10-24T20:59:59Z", "2026-11-24"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Due(mustInstant(t, c.received))
			if want := mustDate(t, c.want); got != want {
				t.Errorf("Due(%s) = %s (%s), want %s", c.received, got, got.Weekday(), want)
			}
		})
	}
}

func TestExtendedDue(t *testing.T) {
	cases := []struct {
		name     string
		received string
		want     string
	}{
		{"5 March -> 5 June, a Friday", "2026-03-05", "2026-06-05"},
		{"31 May -> 31 August (Monday)", "2026-05-31", "2026-08-31"},
		{"31 March -> 30 June, clamped", "2026-03-31", "2026-06-30"},
		{"30 November -> 29 February 2028, clamped in leap year", "2027-11-30", "2028-02-29"},
		{"30 November -> 28 February 2027, clamped, a Sunday, rolls to Monday 1 March", "2026-11-30", "2027-03-01"},
		{"31 July -> 31 October, All Saints' Day, rolls past Sunday to Monday 2 November", "2026-07-31", "2026-11-02"},
		{"24 September -> Christmas Eve (Wednesday), chain to Monday 29 December", "2025-09-24", "2025-12-29"},
		{"late UTC evening is next day in Helsinki: 5 March -> 5 June", "2026-03-04T22:30:00Z", "2026-06-05"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := ExtendedDue(mustInstant(t, c.received))
			if want := mustDate(t, c.want); got != want {
				t.Errorf("ExtendedDue(%s) = %s (%s), want %s", c.received, got, got.Weekday(), want)
			}
		})
	}
}

func TestAddMonths(t *testing.T) {
	cases := []struct {
		name string
		d    string
		n    int
		want string
	}{
		{"same day next month", "2026-03-05", 1, "2026-04-05"},
		{"zero months is the same day", "2026-03-31", 0, "2026-03-31"},
		{"31 August + 1 clamps to 30 September", "2026-08-31", 1, "2026-09-30"},
		{"31 January + 1 clamps to 29 February in a leap year", "2028-01-31", 1, "2028-02-29"},
		{"31 January + 1 clamps to 28 February in a common year", "2027-01-31", 1, "2027-02-28"},
		{"31 January + 1 in 2100, not a leap year", "2100-01-31", 1, "2100-02-28"},
		{"31 January + 1 in 2000, a leap year", "2000-01-31", 1, "2000-02-29"},
		{"no clamping carried over: 29 February + 1 is 29 March", "2028-02-29", 1, "2028-03-29"},
		{"December + 1 is January of next year", "2026-12-31", 1, "2027-01-31"},
		{"November + 3 clamps into February of next year", "2026-11-30", 3, "2027-02-28"},
		{"+12 is the same date next year", "2026-06-15", 12, "2027-06-15"},
		{"29 February + 12 clamps to 28 February", "2028-02-29", 12, "2029-02-28"},
		{"-1 crosses back over the year", "2027-01-15", -1, "2026-12-15"},
		{"-1 clamps: 31 March - 1 is 28 February", "2027-03-31", -1, "2027-02-28"},
		{"-13 goes back a year and a month", "2027-01-31", -13, "2025-12-31"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := AddMonths(mustDate(t, c.d), c.n)
			if want := mustDate(t, c.want); got != want {
				t.Errorf("AddMonths(%s, %d) = %s, want %s", c.d, c.n, got, want)
			}
		})
	}
}

func TestEaster(t *testing.T) {
	cases := []struct {
		year int
		want string
		note string
	}{
		{1583, "1583-04-10", "first full Gregorian year"},
		{1700, "1700-04-11", "non-leap century"},
		{1818, "1818-03-22", "earliest possible date"},
		{1943, "1943-04-25", "latest possible date"},
		{2000, "2000-04-23", "leap century"},
		{2008, "2008-03-23", "early"},
		{2011, "2011-04-24", "late"},
		{2024, "2024-03-31", ""},
		{2025, "2025-04-20", ""},
		{2026, "2026-04-05", ""},
		{2027, "2027-03-28", ""},
		{2038, "2038-04-25", "latest possible date"},
		{2100, "2100-03-28", "non-leap century"},
		{2285, "2285-03-22", "earliest possible date"},
		{3000, "3000-04-13", "far future"},
	}
	for _, c := range cases {
		got := Easter(c.year)
		if want := mustDate(t, c.want); got != want {
			t.Errorf("Easter(%d) = %s, want %s (%s)", c.year, got, want, c.note)
		}
		if got.Weekday() != time.Sunday {
			t.Errorf("Easter(%d) = %s is a %s", c.year, got, got.Weekday())
		}
	}
	// Whatever the year, Easter falls from 22 March to 25 April on a Sunday.
	for y := 1583; y <= 4099; y++ {
		e := Easter(y)
		lo, hi := Date{y, time.March, 22}, Date{y, time.April, 25}
		if e.Before(lo) || hi.Before(e) || e.Weekday() != time.Sunday {
			t.Fatalf("Easter(%d) = %s (%s), outside 22 March..25 April or not a Sunday", y, e, e.Weekday())
		}
	}
}

func TestNonWorkingDay(t *testing.T) {
	cases := []struct {
		name string
		d    string
		want string // "" for a working day
	}{
		// Every Finnish non-working day of 2026.
		{"New Year's Day", "2026-01-01", "New Year's Day"},
		{"Epiphany", "2026-01-06", "Epiphany"},
		{"Good Friday", "2026-04-03", "Good Friday"},
		{"Easter Sunday: holiday name wins over Sunday", "2026-04-05", "Easter Sunday"},
		{"Easter Monday", "2026-04-06", "Easter Monday"},
		{"May Day", "2026-05-01", "May Day"},
		{"Ascension Day", "2026-05-14", "Ascension Day"},
		{"Whit Sunday", "2026-05-24", "Whit Sunday"},
		{"Midsummer Eve", "2026-06-19", "Midsummer Eve"},
		{"Midsummer Day: holiday name wins over Saturday", "2026-06-20", "Midsummer Day"},
		{"All Saints' Day", "2026-10-31", "All Saints' Day"},
		{"Independence Day on a Sunday", "2026-12-06", "Independence Day"},
		{"Christmas Eve", "2026-12-24", "Christmas Eve"},
		{"Christmas Day", "2026-12-25", "Christmas Day"},
		{"Boxing Day on a Saturday", "2026-12-26", "Boxing Day"},

		// Plain weekends.
		{"ordinary Saturday", "2026-03-14", "Saturday"},
		{"ordinary Sunday", "2026-03-15", "Sunday"},
		{"1 November 2026 is the Sunday after All Saints' Day", "2026-11-01", "Sunday"},

		// Working days.
		{"ordinary Monday", "2026-03-16", ""},
		{"ordinary Wednesday", "2026-07-15", ""},
		{"ordinary Friday", "2026-02-13", ""},
		{"Maundy Thursday is a working day", "2026-04-02", ""},
		{"Tuesday after Easter Monday", "2026-04-07", ""},
		{"Day after Ascension Day", "2026-05-15", ""},
		{"Whit Monday is not a holiday in Finland", "2026-05-25", ""},
		{"24 June on a weekday after Midsummer is a working day", "2026-06-24", ""},
		{"1 November 2027, a Monday; All Saints' Day that year is 6 November", "2027-11-01", ""},
		{"1 November 2028, a Wednesday; All Saints' Day that year is 4 November", "2028-11-01", ""},
		{"31 October 2025, a Friday before All Saints' Day", "2025-10-31", ""},
		{"6 November 2026, a Friday after All Saints' Day", "2026-11-06", ""},
		{"New Year's Eve is a working day", "2026-12-31", ""},
		{"27 December on a weekday", "2028-12-27", ""},
		{"Midsummer Eve is a Friday; the Friday a week earlier is not", "2026-06-12", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			name, ok := NonWorkingDay(mustDate(t, c.d))
			if ok != (c.want != "") || name != c.want {
				t.Errorf("NonWorkingDay(%s) = %q, %v; want %q, %v", c.d, name, ok, c.want, c.want != "")
			}
		})
	}
}

func TestClockMidsummerAllSaints(t *testing.T) {
	cases := []struct {
		year      int
		eve       string // Midsummer Eve; Midsummer Day is the day after
		allSaints string
		note      string
	}{
		{2020, "2020-06-19", "2020-10-31", "both on the earliest possible date"},
		{2021, "2021-06-25", "2021-11-06", "both on the latest possible date"},
		{2024, "2024-06-21", "2024-11-02", ""},
		{2025, "2025-06-20", "2025-11-01", "All Saints' Day on 1 November itself"},
		{2026, "2026-06-19", "2026-10-31", "both on the earliest possible date"},
		{2027, "2027-06-25", "2027-11-06", "both on the latest possible date"},
		{2028, "2028-06-23", "2028-11-04", "leap year"},
		{2029, "2029-06-22", "2029-11-03", ""},
		{2033, "2033-06-24", "2033-11-05", ""},
	}
	for _, c := range cases {
		eve, allSaints := mustDate(t, c.eve), mustDate(t, c.allSaints)
		want := map[Date]string{
			eve:            "Midsummer Eve",
			eve.AddDays(1): "Midsummer Day",
			allSaints:      "All Saints' Day",
		}
		// Each name appears on exactly the expected day of the year.
		seen := map[string]int{}
		for d := (Date{c.year, time.January, 1}); d.Year == c.year; d = d.AddDays(1) {
			name, _ := NonWorkingDay(d)
			switch name {
			case "Midsummer Eve", "Midsummer Day", "All Saints' Day":
				seen[name]++
				if want[d] != name {
					t.Errorf("%d (%s): NonWorkingDay(%s) = %q, not expected that day", c.year, c.note, d, name)
				}
			}
		}
		for d, name := range want {
			if got, _ := NonWorkingDay(d); got != name {
				t.Errorf("%d (%s): NonWorkingDay(%s) = %q, want %q", c.year, c.note, d, got, name)
			}
			if seen[name] != 1 {
				t.Errorf("%d: %q seen %d times", c.year, name, seen[name])
			}
		}
	}
}

func TestNextWorkingDay(t *testing.T) {
	cases := []struct {
		name string
		d    string
		want string
	}{
		{"a working day is returned as is", "2026-03-16", "2026-03-16"},
		{"Saturday -> Monday", "2026-03-14", "2026-03-16"},
		{"Sunday -> Monday", "2026-03-15", "2026-03-16"},
		{"Good Friday -> Tuesday after Easter", "2026-04-03", "2026-04-07"},
		{"Christmas Eve on a Thursday -> Monday 28 December", "2026-12-24", "2026-12-28"},
		{"Christmas Eve on a Saturday -> Tuesday 27 December", "2033-12-24", "2033-12-27"},
		{"Boxing Day on a Sunday -> Monday 27 December", "2032-12-26", "2032-12-27"},
		{"New Year's Eve Saturday -> past New Year's Day to Monday 2 January", "2033-12-31", "2034-01-02"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := NextWorkingDay(mustDate(t, c.d))
			if want := mustDate(t, c.want); got != want {
				t.Errorf("NextWorkingDay(%s) = %s, want %s", c.d, got, want)
			}
		})
	}
}

// TestDueProperties walks every hour (in UTC, so each Helsinki midnight and
// both DST switches are crossed) from 2024 to 2032 and checks the invariants
// of the clock rather than single examples.
func TestDueProperties(t *testing.T) {
	start := time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(2033, time.January, 1, 0, 0, 0, 0, time.UTC)
	step := time.Hour
	if testing.Short() {
		step = 5 * time.Hour
	}
	var prevReceipt, prevDue, prevExt Date
	for at := start; at.Before(end); at = at.Add(step) {
		r := ReceiptDate(at)
		m1, m3 := AddMonths(r, 1), AddMonths(r, 3)
		due, ext := Due(at), ExtendedDue(at)

		if name, off := NonWorkingDay(due); off {
			t.Fatalf("%s: Due = %s is a non-working day (%s)", at, due, name)
		}
		if name, off := NonWorkingDay(ext); off {
			t.Fatalf("%s: ExtendedDue = %s is a non-working day (%s)", at, ext, name)
		}
		if due.Before(m1) || ext.Before(m3) {
			t.Fatalf("%s: Due %s before %s or ExtendedDue %s before %s", at, due, m1, ext, m3)
		}
		// Nothing is skipped: every day from the month's end to the due
		// date is a non-working day.
		for d := m1; d.Before(due); d = d.AddDays(1) {
			if _, off := NonWorkingDay(d); !off {
				t.Fatalf("%s: working day %s lies between %s and Due %s", at, d, m1, due)
			}
		}
		for d := m3; d.Before(ext); d = d.AddDays(1) {
			if _, off := NonWorkingDay(d); !off {
				t.Fatalf("%s: working day %s lies between %s and ExtendedDue %s", at, d, m3, ext)
			}
		}
		// The longest Finnish run of non-working days is five (Christmas
		// Eve on a Wednesday to the Sunday after), so the due date is at
		// most five days after the month's end.
		if n := m1.DaysUntil(due); n > 5 {
			t.Fatalf("%s: Due %s is %d days after %s", at, due, n, m1)
		}
		if ext.Before(due) {
			t.Fatalf("%s: ExtendedDue %s before Due %s", at, ext, due)
		}
		if r.Before(prevReceipt) || due.Before(prevDue) || ext.Before(prevExt) {
			t.Fatalf("%s: not monotone: receipt %s after %s, due %s after %s, extended %s after %s",
				at, r, prevReceipt, due, prevDue, ext, prevExt)
		}
		if prevReceipt != (Date{}) && prevReceipt.DaysUntil(r) > 1 {
			t.Fatalf("%s: receipt date jumped from %s to %s", at, prevReceipt, r)
		}
		prevReceipt, prevDue, prevExt = r, due, ext
	}
}

func BenchmarkDue(b *testing.B) {
	at := time.Date(2026, time.March, 4, 22, 30, 0, 0, time.UTC)
	for b.Loop() {
		Due(at)
	}
}
