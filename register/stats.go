package register

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// MonthFigures are one month's requests, by the month they were received
// (Helsinki time), for showing the requests were answered in time (Art.
// 5(2)). Cases closed as "not a request" are not counted.
type MonthFigures struct {
	Month       string         `json:"month"` // YYYY-MM
	Received    int            `json:"received"`
	Kinds       map[string]int `json:"kinds"` // requests invoking each right
	InMonth     int            `json:"answered_in_one_month"`
	InExtension int            `json:"answered_in_extension"`
	Late        int            `json:"late"`
	Unanswered  int            `json:"unanswered"`  // open, not yet answered, not late yet
	Withdrawn   int            `json:"withdrawn"`   // withdrawn before an answer: none was owed
	MedianDays  float64        `json:"median_days"` // from receipt to the answer, of those answered
}

// Figures is the accountability report: the months, and the queue now.
type Figures struct {
	Months  []MonthFigures `json:"months"`
	OpenNow int            `json:"open_now"`    // open cases, answered or not
	Overdue int            `json:"overdue_now"` // open, unanswered, past the deadline
}

// Report counts the requests received from from to to (inclusive; zero
// dates leave that end open), month by month, as of today. A case counts
// as answered on its first answer, or when it was closed if no answer was
// recorded; it is late if that was after its deadline (extended, and moved
// by the days waited for identifying information), or if it is still open
// past it.
func (db *DB) Report(ctx context.Context, from, to Date, today Date) (Figures, error) {
	q := `SELECT received_at, extended_at, answered_at, closed_at, status, late, outcome,
		(SELECT coalesce(group_concat(kind, char(10)), '') FROM case_kinds k WHERE k.case_id = c.id),
		(SELECT coalesce(group_concat(s.started_at || ' ' || coalesce(s.ended_at, 0), char(10)), '')
		 FROM suspensions s WHERE s.case_id = c.id)
		FROM cases c WHERE outcome <> ? ORDER BY received_at`
	rows, err := db.r.QueryContext(ctx, q, OutcomeNotRequest)
	if err != nil {
		return Figures{}, fmt.Errorf("report: %w", err)
	}
	defer rows.Close()
	var fig Figures
	byMonth := map[string]*MonthFigures{}
	days := map[string][]int{}
	for rows.Next() {
		var received, extended, answered, closed int64
		var status, outcome, kinds, periods string
		var late bool
		if err := rows.Scan(&received, &extended, &answered, &closed, &status, &late, &outcome, &kinds, &periods); err != nil {
			return Figures{}, fmt.Errorf("report: %w", err)
		}
		at := time.Unix(received, 0).In(Helsinki)
		noon := time.Date(today.Year, today.Month, today.Day, 12, 0, 0, 0, Helsinki)
		// A refusal is due within one month, extension or not (Art. 12(4)).
		deadline := adjustedDeadline(at, extended != 0 && outcome != OutcomeRefused, SuspendedDays(parsePeriods(periods), noon))
		if status == StatusOpen {
			fig.OpenNow++
			if answered == 0 && deadline.Before(today) {
				fig.Overdue++
			}
		}
		day := ReceiptDate(at)
		if (!from.IsZero() && day.Before(from)) || (!to.IsZero() && to.Before(day)) {
			continue
		}
		month := fmt.Sprintf("%04d-%02d", day.Year, day.Month)
		m := byMonth[month]
		if m == nil {
			m = &MonthFigures{Month: month, Kinds: map[string]int{}}
			byMonth[month] = m
		}
		m.Received++
		for _, k := range splitLines(kinds) {
			m.Kinds[k]++
		}
		answeredAt := unixTime(answered)
		if answeredAt.IsZero() && status == StatusClosed && outcome != OutcomeWithdrawn {
			answeredAt = unixTime(closed)
		}
		switch {
		case outcome == OutcomeWithdrawn && answeredAt.IsZero():
			m.Withdrawn++
		case late || (answeredAt.IsZero() && deadline.Before(today) && status == StatusOpen):
			m.Late++
		case answeredAt.IsZero():
			m.Unanswered++
		case extended != 0 && Due(at).Before(ReceiptDate(answeredAt)):
			m.InExtension++
		default:
			m.InMonth++
		}
		if !answeredAt.IsZero() {
			days[month] = append(days[month], day.DaysUntil(ReceiptDate(answeredAt)))
		}
	}
	if err := rows.Err(); err != nil {
		return Figures{}, fmt.Errorf("report: %w", err)
	}
	for month, m := range byMonth {
		m.MedianDays = median(days[month])
		fig.Months = append(fig.Months, *m)
	}
	slices.SortFunc(fig.Months, func(a, b MonthFigures) int {
		if a.Month < b.Month {
			return -1
		}
		if a.Month > b.Month {
			return 1
		}
		return 0
	})
	return fig, nil
}

// parsePeriods reads the suspensions a case query lists as
// "start end" lines of Unix seconds (end 0 while still waiting).
func parsePeriods(lines string) []Suspension {
	var out []Suspension
	for _, p := range splitLines(lines) {
		var start, end int64
		fmt.Sscan(p, &start, &end)
		s := Suspension{Start: time.Unix(start, 0).In(Helsinki)}
		if end != 0 {
			s.End = time.Unix(end, 0).In(Helsinki)
		}
		out = append(out, s)
	}
	return out
}

// median is the middle of the values, the mean of the middle two for an
// even count, 0 for none.
func median(v []int) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return float64(s[len(s)/2])
	}
	return float64(s[len(s)/2-1]+s[len(s)/2]) / 2
}
