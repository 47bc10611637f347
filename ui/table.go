package ui

import (
	"io"
	"strings"

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

	var b strings.Builder
	for _, cells := range lines {
		b.Reset()
		pad := 0 // spaces owed before the next non-empty cell
		for i, c := range cells {
			if i > 0 {
				pad += len(tableGap)
			}
			if c == "" {
				pad += widths[i]
				continue
			}
			b.WriteString(strings.Repeat(" ", pad))
			b.WriteString(c)
			pad = widths[i] - ansi.StringWidth(c)
		}
		b.WriteByte('\n')
		if _, err := io.WriteString(w, b.String()); err != nil {
			return err
		}
	}
	return nil
}

func tableCleanCells(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = CleanLine(c)
	}
	return out
}
