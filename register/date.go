package register

import (
	"fmt"
	"time"
)

// Date is a calendar day with no time of day or zone, the unit in which
// deadlines are stated. The zero Date is "no date".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// MakeDate returns the Date y-m-d, normalising out-of-range values the way
// time.Date does (31 April becomes 1 May).
func MakeDate(y int, m time.Month, d int) Date {
	return DateOfTime(time.Date(y, m, d, 12, 0, 0, 0, time.UTC))
}

// DateOfTime returns the calendar day of t in t's own location.
func DateOfTime(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate reads a date written YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return DateOfTime(t), nil
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// String formats d as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// time returns noon UTC on d, a safe instant for calendar arithmetic.
func (d Date) time() time.Time { return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC) }

// AddDays returns the day n days after d (before it when n is negative).
func (d Date) AddDays(n int) Date { return DateOfTime(d.time().AddDate(0, 0, n)) }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.time().Weekday() }

// DaysUntil returns the number of days from d to e: positive when e is later.
func (d Date) DaysUntil(e Date) int {
	return int(e.time().Sub(d.time()).Hours() / 24)
}

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.DaysUntil(e) > 0 }

// MarshalText writes d as YYYY-MM-DD (JSON null is not used: the zero Date is "").
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads YYYY-MM-DD; an empty text is the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	*d = v
	return err
}
