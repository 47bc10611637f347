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

// FlagText shows a flag field's "0" or "1" as no or yes.
func FlagText(v string) string {
	if v == "1" {
		return "yes"
	}
	return "no"
}

// FieldText is a field's value as shown: flags as yes or no, an empty
// value as a dash.
func FieldText(name, v string) string {
	switch {
	case register.IsFlag(name):
		return FlagText(v)
	case v == "":
		return "—"
	}
	return v
}

// ChangeText describes one entry of a change log in a line: old → new, or
// the creation of the entry.
func ChangeText(ch register.CustomerChange) string {
	what := register.FieldLabel(ch.Field) + ": " + FieldText(ch.Field, ch.Old) + " → " + FieldText(ch.Field, ch.New)
	if ch.Field == register.FieldEntry && ch.New == register.EntryCreated {
		what = "entry created"
	}
	by := ch.Source
	if ch.CaseTag != "" {
		by = "case " + ch.CaseTag
	}
	return fmt.Sprintf("%s  %s  (%s, %s)", ch.At.In(register.Helsinki).Format("2006-01-02 15:04"), what, by, ch.Actor)
}

// WriteCard writes a register entry's card as text: its fields in the
// privacy notice's groups, its change log and its cases.
func WriteCard(w io.Writer, c register.Card) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Customer %s\n", CleanLine(c.Number))
	for _, g := range register.FieldGroups {
		fmt.Fprintf(&b, "\n%s\n", g.Title)
		rows := make([][]string, len(g.Fields))
		for i, f := range g.Fields {
			rows[i] = []string{"", register.FieldLabel(f), FieldText(f, c.Fields[f])} // indented by the empty cell
		}
		if err := WriteTable(&b, nil, rows); err != nil {
			return err
		}
	}
	b.WriteString("\nChange log\n")
	for _, ch := range c.Changes {
		fmt.Fprintf(&b, "  %s\n", CleanLine(ChangeText(ch)))
	}
	b.WriteString("\nCases\n")
	if len(c.Cases) == 0 {
		b.WriteString("  none\n")
	}
	for _, r := range c.Cases {
		how := "linked by an officer"
		if r.Auto {
			how = "auto-linked"
		}
		fmt.Fprintf(&b, "  %s  %s  %s  %s  (%s)\n", CleanLine(r.Tag), r.Status,
			register.ReceiptDate(r.ReceivedAt), CleanLine(r.Subject), how)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
