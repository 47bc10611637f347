package register

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// The readable access report: a document model built once from the
// report's data, written as Markdown (report.md) and as HTML
// (report.html, see reporthtml.go).

// reportDoc is the readable report, its texts in the requester's
// language. Values from the register and from mail are kept as they are
// (less control characters); each writer escapes them for its format.
type reportDoc struct {
	Lang, Title, Subtitle string
	Head                  []pair // to whom, which case, when
	ContentsHeading       string
	Contents              []pair // file name, what it holds
	Others                string
	DataHeading           string
	Entries               []docEntry
	MessagesHeading       string
	NoMessages            string
	Messages              []docMessage
	Notice                string // Markdown, from the notice template
}

// pair is a label and its value.
type pair struct{ K, V string }

// docEntry is one entry of the report.
type docEntry struct {
	Heading                   string
	Notes                     []string
	Groups                    []docGroup
	ChangesHeading, NoChanges string
	Changes                   []string
}

// docGroup is one of the privacy notice's groups of fields.
type docGroup struct {
	Title string
	Rows  []pair
}

// docMessage is one message of the case.
type docMessage struct {
	Heading string // when, from whom
	Subject pair
	Text    string
}

// buildDoc lays the report's data out as a document.
func buildDoc(d exportData) reportDoc {
	w := d.LangWords
	doc := reportDoc{
		Lang: d.Lang, Title: w.Title + ": " + d.Case.Tag, Subtitle: w.Subtitle,
		ContentsHeading: w.Contents, Others: w.OthersLeftOut, DataHeading: w.YourData,
		MessagesHeading: w.Correspondence, NoMessages: w.NoMessages, Notice: d.Notice,
	}
	var numbers []string
	for _, e := range d.Entries {
		numbers = append(numbers, e.Number)
	}
	doc.Head = []pair{
		{w.To, printable(personLine(d.Case.Requester))},
		{w.Case, d.Case.Tag},
		{w.Received, w.when(d.Case.ReceivedAt)},
		{w.Written, w.when(d.Now)},
		{w.Entries, printable(strings.Join(numbers, ", "))},
		{w.Language, w.LanguageName},
	}
	for _, f := range exportFiles {
		doc.Contents = append(doc.Contents, pair{f, w.Files[f]})
	}
	for _, e := range d.Entries {
		doc.Entries = append(doc.Entries, docEntryOf(d, e))
	}
	for _, m := range d.Messages {
		doc.Messages = append(doc.Messages, docMessage{
			Heading: w.when(m.ReceivedAt) + " — " + w.From + ": " + printable(m.From),
			Subject: pair{w.Subject, printable(m.Subject)},
			Text:    printable(m.Text),
		})
	}
	return doc
}

// docEntryOf lays one entry out: its marks, its fields in the notice's
// groups, its change log.
func docEntryOf(d exportData, e exportEntry) docEntry {
	w := d.LangWords
	de := docEntry{Heading: w.Entry + " " + printable(e.Number), ChangesHeading: w.Changes, NoChanges: w.NoChanges}
	if e.IsRestricted {
		de.Notes = append(de.Notes, w.Restricted)
	}
	if !e.Erased.IsZero() {
		de.Notes = append(de.Notes, fmt.Sprintf(w.Erased, w.day(e.Erased)))
	}
	for _, g := range FieldGroups {
		dg := docGroup{Title: GroupTitleIn(d.Lang, g)}
		for _, f := range g.Fields {
			dg.Rows = append(dg.Rows, pair{FieldLabelIn(d.Lang, f), showValue(w, f, e.Fields[f])})
		}
		de.Groups = append(de.Groups, dg)
	}
	for _, ch := range e.Changes {
		line := w.when(ch.At) + " · "
		if ch.Field == FieldEntry {
			line += w.EntryCreated
		} else {
			line += FieldLabelIn(d.Lang, ch.Field) + ": " + showValue(w, ch.Field, ch.Old) + " → " + showValue(w, ch.Field, ch.New)
		}
		src := sourceIn(d.Lang, ch.Source)
		if ch.CaseTag != "" {
			src += ", " + ch.CaseTag
		}
		de.Changes = append(de.Changes, line+" ("+printable(src)+")")
	}
	return de
}

// showValue writes a field's value for reading: flags as yes or no, an
// empty value as a dash.
func showValue(w reportWords, field, v string) string {
	switch {
	case v == "":
		return w.Empty
	case (IsFlag(field) || field == "restricted") && v == "1":
		return w.Yes
	case (IsFlag(field) || field == "restricted") && v == "0":
		return w.No
	}
	return printable(v)
}

// sourceIn says in lang where a change came from: an import of a file, or
// an action carried out on a case.
func sourceIn(lang, s string) string {
	if name, ok := strings.CutPrefix(s, "import "); ok {
		return map[string]string{"fi": "tuotu tiedostosta ", "sv": "importerad från filen ", "en": "imported from "}[lang] + name
	}
	names := map[string]map[string]string{
		"fi": {ActionObjection: "markkinointikielto", ActionRectification: "oikaisu", ActionErasure: "poisto",
			ActionRestriction: "käsittelyn rajoitus", ActionRestrictionLift: "rajoituksen poisto"},
		"sv": {ActionObjection: "förbud mot marknadsföring", ActionRectification: "rättelse", ActionErasure: "radering",
			ActionRestriction: "begränsning av behandling", ActionRestrictionLift: "begränsningen hävd"},
	}
	if n, ok := names[lang][s]; ok {
		return n
	}
	return s
}

// printable makes a value from the register or from mail safe to put in a
// file someone may print to a terminal: invalid UTF-8, control characters
// (but newline and tab), DEL, C1 and the bidi and invisible format
// characters become U+FFFD; CR LF becomes LF.
func printable(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if !strings.ContainsFunc(s, unprintable) && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		if unprintable(r) {
			r = '\uFFFD'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// unprintable says whether printable replaces r.
func unprintable(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r == 0x061c, r >= 0x200b && r <= 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2060 && r <= 0x2069, r == 0xfeff:
		return true
	}
	return false
}

// markdown writes the report as Markdown. Values are escaped so that no
// register or mail text becomes markup, links or HTML; messages are fenced.
func (doc reportDoc) markdown() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%s\n\n", mdEscape(doc.Title), doc.Subtitle)
	for _, p := range doc.Head {
		fmt.Fprintf(&b, "- %s: %s\n", p.K, mdEscape(p.V))
	}
	fmt.Fprintf(&b, "\n## %s\n\n", doc.ContentsHeading)
	for _, p := range doc.Contents {
		fmt.Fprintf(&b, "- %s — %s\n", mdEscape(p.K), p.V)
	}
	fmt.Fprintf(&b, "\n%s\n\n## %s\n\n", doc.Others, doc.DataHeading)
	for _, e := range doc.Entries {
		fmt.Fprintf(&b, "### %s\n\n", e.Heading)
		for _, n := range e.Notes {
			fmt.Fprintf(&b, "**%s**\n\n", n)
		}
		for _, g := range e.Groups {
			fmt.Fprintf(&b, "#### %s\n\n", g.Title)
			for _, r := range g.Rows {
				b.WriteString(mdItem(r.K, r.V))
			}
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "#### %s\n\n", e.ChangesHeading)
		if len(e.Changes) == 0 {
			fmt.Fprintf(&b, "%s\n\n", e.NoChanges)
		}
		for _, c := range e.Changes {
			fmt.Fprintf(&b, "- %s\n", mdEscape(strings.ReplaceAll(c, "\n", " ")))
		}
		if len(e.Changes) > 0 {
			b.WriteString("\n")
		}
	}
	fmt.Fprintf(&b, "## %s\n\n", doc.MessagesHeading)
	if len(doc.Messages) == 0 {
		fmt.Fprintf(&b, "%s\n\n", doc.NoMessages)
	}
	for _, m := range doc.Messages {
		fmt.Fprintf(&b, "### %s\n\n%s: %s\n\n%s\n\n", mdEscape(strings.ReplaceAll(m.Heading, "\n", " ")),
			m.Subject.K, mdEscape(strings.ReplaceAll(m.Subject.V, "\n", " ")), mdFence(m.Text))
	}
	b.WriteString(strings.TrimSpace(doc.Notice))
	b.WriteString("\n")
	return []byte(b.String())
}

// mdItem writes a label and value as a list item; a value of several
// lines goes in a fenced block under it.
func mdItem(label, v string) string {
	if !strings.Contains(v, "\n") {
		return "- " + label + ": " + mdEscape(v) + "\n"
	}
	fenced := strings.ReplaceAll(mdFence(v), "\n", "\n  ")
	return "- " + label + ":\n\n  " + fenced + "\n"
}

// mdEscape escapes the characters that would make inline text markup,
// links or HTML in Markdown.
func mdEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>|~&", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdFence puts text in a fenced block whose fence no line of it can close.
func mdFence(text string) string {
	fence := "~~~"
	for strings.Contains(text, fence) {
		fence += "~"
	}
	return fence + "\n" + strings.TrimRight(text, "\n") + "\n" + fence
}
