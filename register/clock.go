package register

// The legal clock: when a request counts as received and when it must be
// answered.
//
// GDPR Art. 12(3) gives the controller one month from receipt, extendable by
// two further months. The month is counted as Regulation (EEC, Euratom)
// No 1182/71 art. 3 prescribes and as EDPB Guidelines 01/2022 (§§159–161)
// apply it: the period starts on the day of receipt and ends on the same date
// of the following month; when that month has no such date, it ends on the
// month's last day; and when the last day is a Saturday, Sunday or public
// holiday, the period runs to the end of the next working day. The days that
// count as non-working are those of Finland's Act 150/1930 on the computation
// of statutory time limits (§5).

import (
	"time"
	_ "time/tzdata" // so the zone is right on a machine without zoneinfo
)

// Helsinki is the Europe/Helsinki time zone, where receipt dates are judged.
var Helsinki = mustLoadLocation("Europe/Helsinki")

func mustLoadLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		// Cannot happen: the zone database is embedded in the binary.
		panic("register: load time zone " + name + ": " + err.Error())
	}
	return loc
}

// Today is the current calendar day in Helsinki, the day deadlines are
// counted from.
func Today(now time.Time) Date { return ReceiptDate(now) }

// ReceiptDate returns the calendar day of instant t in Helsinki, the day on
// which a request received at t counts as received.
func ReceiptDate(t time.Time) Date {
	return DateOfTime(t.In(Helsinki))
}

// Due returns the last day to answer a request received at instant received:
// one month from the receipt date (GDPR Art. 12(3)), clamped to the end of a
// shorter month and moved forward to the next Finnish working day.
func Due(received time.Time) Date {
	return NextWorkingDay(AddMonths(ReceiptDate(received), 1))
}

// ExtendedDue returns the last day to answer a request received at instant
// received when the period is extended by two further months: three months
// from the receipt date, clamped and moved forward by the same rules as Due.
func ExtendedDue(received time.Time) Date {
	return NextWorkingDay(AddMonths(ReceiptDate(received), 3))
}

// AddMonths returns the same day of the month n months after d (before it
// when n is negative), or the last day of that month when it is shorter:
// 31 August + 1 is 30 September, 31 January 2028 + 1 is 29 February 2028.
func AddMonths(d Date, n int) Date {
	// Months counted from year 0, January = 0, with floor division so that
	// negative n works as well.
	m := d.Year*12 + int(d.Month-time.January) + n
	y := m / 12
	mi := m % 12
	if mi < 0 {
		mi += 12
		y--
	}
	month := time.January + time.Month(mi)
	day := d.Day
	if last := daysIn(y, month); day > last {
		day = last
	}
	return Date{Year: y, Month: month, Day: day}
}

// daysIn returns the number of days in month m of year y.
func daysIn(y int, m time.Month) int {
	// Day 0 of the next month is the last day of this one.
	return time.Date(y, m+1, 0, 12, 0, 0, 0, time.UTC).Day()
}

// NonWorkingDay reports whether d is a Saturday, a Sunday or a Finnish public
// holiday on which a time limit cannot end, and gives the day's English name
// ("Good Friday", "Midsummer Eve", ..., or "Saturday"/"Sunday" for an
// ordinary weekend day). A holiday's name wins over the weekday's.
func NonWorkingDay(d Date) (name string, ok bool) {
	if name := holidayName(d); name != "" {
		return name, true
	}
	switch wd := d.Weekday(); wd {
	case time.Saturday, time.Sunday:
		return wd.String(), true
	}
	return "", false
}

// holidayName returns the English name of the Finnish public holiday on d,
// or "" when d is not one.
func holidayName(d Date) string {
	switch {
	case d.Month == time.January && d.Day == 1:
		return "New Year's Day"
	case d.Month == time.January && d.Day == 6:
		return "Epiphany"
	case d.Month == time.May && d.Day == 1:
		return "May Day"
	case d.Month == time.December && d.Day == 6:
		return "Independence Day"
	case d.Month == time.December && d.Day == 24:
		return "Christmas Eve"
	case d.Month == time.December && d.Day == 25:
		return "Christmas Day"
	case d.Month == time.December && d.Day == 26:
		return "Boxing Day"
	}
	wd := d.Weekday()
	// Midsummer Eve is the Friday from 19 to 25 June, Midsummer Day the
	// Saturday after it (20 to 26 June).
	if d.Month == time.June {
		if wd == time.Friday && d.Day >= 19 && d.Day <= 25 {
			return "Midsummer Eve"
		}
		if wd == time.Saturday && d.Day >= 20 && d.Day <= 26 {
			return "Midsummer Day"
		}
	}
	// All Saints' Day is the Saturday from 31 October to 6 November.
	if wd == time.Saturday &&
		(d.Month == time.October && d.Day == 31 || d.Month == time.November && d.Day <= 6) {
		return "All Saints' Day"
	}
	// Movable feasts, only possible from 20 March (Good Friday at the
	// earliest) to 13 June (Whit Sunday at the latest).
	if d.Month >= time.March && d.Month <= time.June {
		switch Easter(d.Year).DaysUntil(d) {
		case -2:
			return "Good Friday"
		case 0:
			return "Easter Sunday"
		case 1:
			return "Easter Monday"
		case 39:
			return "Ascension Day"
		case 49:
			return "Whit Sunday"
		}
	}
	return ""
}

// NextWorkingDay returns d if it is a working day, else the first working
// day after it.
func NextWorkingDay(d Date) Date {
	for {
		if _, off := NonWorkingDay(d); !off {
			return d
		}
		d = d.AddDays(1)
	}
}

// Easter returns the date of Easter Sunday in year by the Gregorian computus
// (valid for any year from 1583 on).
func Easter(year int) Date {
	// The anonymous Gregorian algorithm (Meeus/Jones/Butcher).
	a := year % 19                    // place in the 19-year lunar cycle
	b, c := year/100, year%100        // century, year within it
	d, e := b/4, b%4                  // solar correction: skipped leap centuries
	f := (b + 8) / 25                 // lunar correction, step one
	g := (b - f + 1) / 3              // lunar correction, step two
	h := (19*a + b - d - g + 15) % 30 // days from 21 March to the Paschal full moon
	i, k := c/4, c%4                  // leap years within the century
	l := (32 + 2*e + 2*i - h - k) % 7 // days from the full moon to the Sunday after
	m := (a + 11*h + 22*l) / 451      // pulls back the latest full moons by a week
	n := h + l - 7*m + 114            // month*31 + (day-1)
	return Date{Year: year, Month: time.Month(n / 31), Day: n%31 + 1}
}
