package ui

import (
	"fmt"
	"io"
	"strings"

	"dsrdesk/register"
)

// PlanLines describes a plan for the officer to read before it is carried
// out: per entry each field's old → new value, what is kept and why; then
// the notes and the recipients to tell. Every value is cleaned.
func PlanLines(p register.Plan) []string {
	what := map[string]string{
		register.ActionObjection:       "Objection to direct marketing and market research",
		register.ActionRectification:   "Rectification",
		register.ActionRestriction:     "Restriction of processing",
		register.ActionRestrictionLift: "Lifting the restriction",
		register.ActionErasure:         "Erasure",
	}[p.Action]
	out := []string{fmt.Sprintf("%s on %s:", what, CleanLine(p.CaseTag))}
	for _, e := range p.Entries {
		out = append(out, "  entry "+CleanLine(e.Number))
		for _, ch := range e.Changes {
			out = append(out, fmt.Sprintf("    %s: %s → %s", register.FieldLabel(ch.Field), fieldValue(ch.Field, ch.Old), fieldValue(ch.Field, ch.New)))
		}
		if e.Restrict != nil {
			out = append(out, "    "+map[bool]string{true: "restricted", false: "restriction lifted"}[*e.Restrict])
		}
		for _, k := range e.Kept {
			labels := make([]string, len(k.Fields))
			for i, f := range k.Fields {
				labels[i] = register.FieldLabel(f)
			}
			out = append(out, fmt.Sprintf("    kept until %s: %s (%s)", k.Until, strings.Join(labels, ", "), k.Why))
		}
		if len(e.Changes) == 0 && e.Restrict == nil && !e.Erase {
			out = append(out, "    nothing to change")
		}
	}
	for _, n := range p.Notes {
		out = append(out, "  "+n)
	}
	if len(p.Recipients) > 0 {
		out = append(out, "  Afterwards tell: "+CleanLine(strings.Join(p.Recipients, ", ")))
	}
	return out
}

// WritePlan writes a plan as PlanLines.
func WritePlan(w io.Writer, p register.Plan) error {
	_, err := io.WriteString(w, strings.Join(PlanLines(p), "\n")+"\n")
	return err
}

// WriteNotifications writes a case's checklist of recipients to tell,
// numbered from 1.
func WriteNotifications(w io.Writer, list []register.Notification) error {
	if len(list) == 0 {
		_, err := io.WriteString(w, "no recipient is waiting to be told\n")
		return err
	}
	rows := make([][]string, len(list))
	for i, n := range list {
		state := "to tell"
		if !n.NotifiedAt.IsZero() {
			state = "told " + n.NotifiedAt.Format("2006-01-02 15:04") + " by " + n.Actor
		}
		rows[i] = []string{fmt.Sprint(i + 1), n.Recipient, "of the " + n.Action, state}
	}
	return WriteTable(w, []string{"N", "RECIPIENT", "WHAT", "STATE"}, rows)
}
