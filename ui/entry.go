package ui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"dsrdesk/register"
)

// Entries of the customer register as the screens name them. The register
// is filled from files and by hand: every value is untrusted and passes
// CleanLine here.

// caseLinks are the register entries linked to a case, then those matching
// offers for it, as read with the case; or why they could not be read.
type caseLinks struct {
	cands []register.Candidate
	err   error
}

// firstLinked returns the first entry linked to the case.
func (l caseLinks) firstLinked() (register.Customer, bool) {
	for _, c := range l.cands {
		if c.Linked {
			return c.Customer, true
		}
	}
	return register.Customer{}, false
}

// linked returns the entries linked to the case.
func (l caseLinks) linked() []register.Customer {
	var out []register.Customer
	for _, c := range l.cands {
		if c.Linked {
			out = append(out, c.Customer)
		}
	}
	return out
}

// entryField is field name of entry c, cleaned.
func entryField(c register.Customer, name string) string { return CleanLine(c.Fields[name]) }

// entryName is the person entry c names, "Karin Holm", or "".
func entryName(c register.Customer) string {
	return CleanLine(c.Fields["first_name"] + " " + c.Fields["last_name"])
}

// entryTitle names entry c by its number, person and company, whichever it
// has: "40132 Karin Holm, Ekenäs Blommor Ab".
func entryTitle(c register.Customer) string {
	var who []string
	for _, s := range []string{entryName(c), entryField(c, "company_name")} {
		if s != "" {
			who = append(who, s)
		}
	}
	t := CleanLine(c.Number)
	if len(who) > 0 {
		t += " " + strings.Join(who, ", ")
	}
	return t
}

// entryFlags names the marks entry c carries wherever it appears:
// "RESTRICTED", "ERASED 2026-11-10", both, or "".
func entryFlags(c register.Customer) string {
	var out []string
	if c.Restricted {
		out = append(out, "RESTRICTED")
	}
	if !c.ErasedAt.IsZero() {
		out = append(out, "ERASED "+register.ReceiptDate(c.ErasedAt).String())
	}
	return strings.Join(out, " · ")
}

// entryMark is entryFlags in the two cells of a list column: "R"
// restricted, "E" erased, "RE" both, "" neither.
func entryMark(c register.Customer) string {
	m := ""
	if c.Restricted {
		m += "R"
	}
	if !c.ErasedAt.IsZero() {
		m += "E"
	}
	return m
}

// flagNote explains entryMark and entryFlags, for a help screen.
const flagNote = "Marks: R restricted (Art. 18: kept, not used, until lifted) · E erased"

// flagged is entryTitle with entryFlags after it: "40132 Karin Holm ·
// RESTRICTED".
func flagged(c register.Customer) string {
	if f := entryFlags(c); f != "" {
		return entryTitle(c) + " · " + f
	}
	return entryTitle(c)
}

// entryContact is how to reach entry c: "karin@x.fi · 019 241 5500", or "".
func entryContact(c register.Customer) string {
	var out []string
	for _, name := range []string{"email", "phone"} {
		if v := entryField(c, name); v != "" {
			out = append(out, v)
		}
	}
	return strings.Join(out, " · ")
}

// linkState says how candidate c stands to its case.
func linkState(c register.Candidate) string {
	if c.Linked {
		return linkedHow(c.Auto)
	}
	return "offered, not linked"
}

// linkedHow says who linked an entry to a case: matching, or an officer.
func linkedHow(auto bool) string {
	if auto {
		return "auto-linked"
	}
	return "linked by an officer"
}

// linkCell is linkState in the few cells of a list column.
func linkCell(c *register.Candidate) string {
	switch {
	case c == nil:
		return ""
	case c.Linked && c.Auto:
		return "auto-linked"
	case c.Linked:
		return "linked"
	}
	return "offered"
}

// evidence returns c's evidence, cleaned.
func evidence(c register.Candidate) []string {
	var out []string
	for _, e := range c.Evidence {
		if e = CleanLine(e); e != "" {
			out = append(out, e)
		}
	}
	return out
}

// writeLinks writes the case detail's Register lines: each linked entry,
// then each offered one, with its link state and evidence, and the keys
// that go further.
func writeLinks(b *textBuilder, l caseLinks, keys DetailKeys) {
	st := b.st
	search := keys.Register.Help().Key
	switch {
	case l.err != nil:
		b.field("Register", "could not be read: "+CleanLine(l.err.Error()), st.Error)
		return
	case len(l.cands) == 0:
		b.field("Register", "no entry is linked and matching offers none; "+search+" searches the register", st.Muted)
		return
	}
	label := "Register"
	for _, c := range l.cands {
		style := lipgloss.NewStyle()
		if entryFlags(c.Customer) != "" {
			style = st.Warn
		}
		b.field(label, flagged(c.Customer)+" · "+linkState(c), style)
		label = ""
		for _, e := range evidence(c) {
			b.field("", "  "+e, st.Muted)
		}
	}
	hint := search + " search, link, unlink"
	if c, ok := l.firstLinked(); ok {
		hint = keys.Card.Help().Key + " card of " + CleanLine(c.Number) + " · " + hint
	}
	b.field("", hint, st.Muted)
}
