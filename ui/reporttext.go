package ui

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"dsrdesk/register"
)

// reportRows are the accountability report's rows, header first.
func reportRows(fig register.Figures) [][]string {
	head := []string{"MONTH", "RECEIVED"}
	for _, k := range register.Kinds {
		head = append(head, kindLetters[k])
	}
	head = append(head, "IN MONTH", "IN EXTENSION", "LATE", "UNANSWERED", "MEDIAN DAYS")
	rows := [][]string{head}
	for _, m := range fig.Months {
		r := []string{m.Month, strconv.Itoa(m.Received)}
		for _, k := range register.Kinds {
			r = append(r, strconv.Itoa(m.Kinds[k]))
		}
		r = append(r, strconv.Itoa(m.InMonth), strconv.Itoa(m.InExtension), strconv.Itoa(m.Late),
			strconv.Itoa(m.Unanswered), strconv.FormatFloat(m.MedianDays, 'f', -1, 64))
		rows = append(rows, r)
	}
	return rows
}

// WriteReport writes the accountability report as a table, the letters
// of the rights explained, and the queue now.
func WriteReport(w io.Writer, fig register.Figures) error {
	rows := reportRows(fig)
	if err := WriteTable(w, rows[0], rows[1:]); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "%s\nopen now: %d, of them overdue and unanswered: %d\n", kindsLegend(), fig.OpenNow, fig.Overdue)
	return err
}

// WriteReportCSV writes the accountability report's rows as CSV.
func WriteReportCSV(w io.Writer, fig register.Figures) error {
	cw := csv.NewWriter(w)
	cw.WriteAll(reportRows(fig))
	return cw.Error()
}
