package ui

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"dsrdesk/register"

	"github.com/charmbracelet/x/ansi"
)

// tableGap separates the columns of a table written by WriteTable.
const tableGap = "  "

// WriteTable writes an aligned plain-text table (for the CLI commands, e.g.
// `dsrdesk cases`): every cell passes CleanLine, columns are padded by
// display width, two spaces between columns, no trailing spaces, header row
// first (omitted when header is empty). Rows may have different lengths;
// missing cells are empty. It returns the first write error and writes
// nothing after it.
func WriteTable(w io.Writer, header []string, rows [][]string) error {
	for _, l := range tableLines(header, rows, tableGap) {
		if _, err := io.WriteString(w, l+"\n"); err != nil {
			return err
		}
	}
	return nil
}

// tableLines lays out the table WriteTable writes, with gap between the
// columns, as lines without their line breaks.
func tableLines(header []string, rows [][]string, gap string) []string {
	lines := make([][]string, 0, len(rows)+1)
	if len(header) > 0 {
		lines = append(lines, tableCleanCells(header))
	}
	for _, r := range rows {
		lines = append(lines, tableCleanCells(r))
	}

	var widths []int
	for _, cells := range lines {
		for i, c := range cells {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			if n := ansi.StringWidth(c); n > widths[i] {
				widths[i] = n
			}
		}
	}

	out := make([]string, 0, len(lines))
	var b strings.Builder
	for _, cells := range lines {
		b.Reset()
		pad := 0 // spaces owed before the next non-empty cell
		for i, c := range cells {
			if i > 0 {
				pad += len(gap)
			}
			if c == "" {
				pad += widths[i]
				continue
			}
			b.WriteString(strings.Repeat(" ", pad))
			b.WriteString(c)
			pad = widths[i] - ansi.StringWidth(c)
		}
		out = append(out, b.String())
	}
	return out
}

func tableCleanCells(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = CleanLine(c)
	}
	return out
}

// WriteCases writes the case list as an aligned table, as of today.
func WriteCases(w io.Writer, cases []register.Case, today register.Date) error {
	rows := make([][]string, len(cases))
	for i, c := range cases {
		rows[i] = []string{c.Tag, c.Due.String(), DaysLeft(c.DaysLeft(today)), register.ReceiptDate(c.ReceivedAt).String(),
			c.Requester.Display(), c.Subject, c.Status}
	}
	return WriteTable(w, []string{"CASE", "DUE", "LEFT", "RECEIVED", "REQUESTER", "SUBJECT", "STATUS"}, rows)
}

// WriteJSON writes v as indented JSON with DEL, every C1 control and every
// bidi or invisible format character escaped as \uXXXX: the meaning is the
// same, but the output is safe to show on a terminal.
func WriteJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	var out strings.Builder
	for _, r := range string(b) {
		if (r >= 0x7f && r <= 0x9f) || cleanIsHidden(r) {
			fmt.Fprintf(&out, `\u%04x`, r)
			continue
		}
		out.WriteRune(r)
	}
	out.WriteByte('\n')
	_, err = io.WriteString(w, out.String())
	return err
}

// WriteMessages writes stored messages as an aligned table: when each
// arrived, from whom, what it was judged to be and which case it joined.
func WriteMessages(w io.Writer, msgs []register.Message) error {
	rows := make([][]string, len(msgs))
	for i, m := range msgs {
		c := "-"
		if m.CaseID != 0 {
			c = fmt.Sprint(m.CaseID)
		}
		d := m.Disposition
		if m.Uncertain {
			d += "?"
		}
		rows[i] = []string{fmt.Sprint(m.ID), m.ReceivedAt.Format("2006-01-02 15:04"), m.From.Display(), m.Subject,
			d, strings.Join(m.Kinds, ","), c}
	}
	return WriteTable(w, []string{"ID", "RECEIVED", "FROM", "SUBJECT", "DISPOSITION", "KINDS", "CASE"}, rows)
}
