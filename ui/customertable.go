package ui

import (
	"fmt"
	"io"
	"strings"

	"dsrdesk/register"
)

// WriteHits writes register search hits as an aligned table.
func WriteHits(w io.Writer, hits []register.Hit) error {
	rows := make([][]string, len(hits))
	for i, h := range hits {
		f := h.Fields
		rows[i] = []string{h.Number, strings.TrimSpace(f["first_name"] + " " + f["last_name"]), f["company_name"],
			f["business_id"], f["email"], f["phone"], f["city"], h.Match}
	}
	return WriteTable(w, []string{"NUMBER", "NAME", "COMPANY", "BUSINESS ID", "E-MAIL", "PHONE", "CITY", "MATCHED"}, rows)
}

// WriteCard writes a register entry's card as text, as the card screen
// shows it: its fields in the privacy notice's groups, its change log and
// its cases.
func WriteCard(w io.Writer, c register.Card) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Customer %s\n", CleanLine(c.Number))
	for _, g := range register.FieldGroups {
		fmt.Fprintf(&b, "\n%s\n", g.Title)
		rows := make([][]string, len(g.Fields))
		for i, f := range g.Fields {
			rows[i] = []string{"", register.FieldLabel(f), fieldValue(f, c.Fields[f])} // indented by the empty cell
		}
		if err := WriteTable(&b, nil, rows); err != nil {
			return err
		}
	}
	b.WriteString("\nChange log\n")
	for _, ch := range c.Changes {
		fmt.Fprintf(&b, "  %s  %s  (%s, %s)\n", changeTime(ch), changeWhat(ch), changeCause(ch), CleanLine(ch.Actor))
	}
	b.WriteString("\nCases\n")
	if len(c.Cases) == 0 {
		b.WriteString("  none\n")
	}
	for _, r := range c.Cases {
		fmt.Fprintf(&b, "  %s  %s  %s  %s  (%s)\n", CleanLine(r.Tag), CleanLine(r.Status),
			register.ReceiptDate(r.ReceivedAt), CleanLine(r.Subject), linkedHow(r.Auto))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
