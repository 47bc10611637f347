package register

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"time"
)

// The machine-readable files of the access report, which also answer the
// right to data portability (Art. 20). Their shape is documented in the
// README ("The access report") and must stay stable.

// AccessData is the shape of data.json.
type AccessData struct {
	Case        string          `json:"case"` // the case's tag
	GeneratedAt time.Time       `json:"generated_at"`
	Language    string          `json:"language"` // fi, sv or en
	Entries     []AccessEntry   `json:"entries"`
	Messages    []AccessMessage `json:"messages"`
}

// AccessEntry is one linked entry in data.json.
type AccessEntry struct {
	Number     string            `json:"customer_number"`
	Restricted bool              `json:"restricted"`
	ErasedAt   *time.Time        `json:"erased_at"` // null if never erased
	Fields     map[string]string `json:"fields"`    // every field by canonical name; flags "0"/"1", dates YYYY-MM-DD
	Withheld   []string          `json:"withheld"`  // fields whose value names someone else, shown as withheld
	Changes    []AccessChange    `json:"changes"`   // oldest first
}

// AccessChange is one change-log entry in data.json.
type AccessChange struct {
	At     time.Time `json:"at"`
	Field  string    `json:"field"` // "entry" with new "created" for the entry's creation
	Old    string    `json:"old"`
	New    string    `json:"new"`
	Case   string    `json:"case"` // the case that made it, "" if none
	Source string    `json:"source"`
}

// AccessMessage is one message of the case in data.json.
type AccessMessage struct {
	ReceivedAt time.Time `json:"received_at"`
	From       string    `json:"from"` // "Name <address>"; for a colleague's forward, Sesoma staff
	Subject    string    `json:"subject"`
	Text       string    `json:"text"`
}

// renderExport renders the access report's files, by name.
func renderExport(d exportData) (map[string][]byte, error) {
	doc := buildDoc(d)
	html, err := doc.html()
	if err != nil {
		return nil, err
	}
	js, err := exportJSON(d)
	if err != nil {
		return nil, err
	}
	cs, err := exportCSV(d)
	if err != nil {
		return nil, err
	}
	return map[string][]byte{"report.md": doc.markdown(), "report.html": html, "data.json": js, "data.csv": cs}, nil
}

// exportJSON writes data.json: exact values, indented, keys in a fixed order.
func exportJSON(d exportData) ([]byte, error) {
	out := AccessData{Case: d.Case.Tag, GeneratedAt: d.Now, Language: d.Lang,
		Entries: []AccessEntry{}, Messages: []AccessMessage{}}
	for _, e := range d.Entries {
		ae := AccessEntry{Number: e.Number, Restricted: e.IsRestricted, Fields: e.Fields,
			Withheld: e.Withheld, Changes: []AccessChange{}}
		if !e.Erased.IsZero() {
			t := e.Erased
			ae.ErasedAt = &t
		}
		for _, c := range e.Changes {
			ae.Changes = append(ae.Changes, AccessChange{At: c.At.In(Helsinki).Truncate(time.Second), Field: c.Field, Old: c.Old, New: c.New,
				Case: c.CaseTag, Source: c.Source})
		}
		out.Entries = append(out.Entries, ae)
	}
	for _, m := range d.Messages {
		out.Messages = append(out.Messages, AccessMessage{ReceivedAt: m.ReceivedAt, From: m.From, Subject: m.Subject, Text: m.Text})
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// exportCSV writes data.csv: a header, then customer_number,field,value
// for every field of every entry, in the privacy notice's order.
func exportCSV(d exportData) ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := w.Write([]string{"customer_number", "field", "value"}); err != nil {
		return nil, err
	}
	for _, e := range d.Entries {
		for _, g := range FieldGroups {
			for _, f := range g.Fields {
				if err := w.Write(csvRecord([]string{printable(e.Number), f, printable(e.Fields[f])})); err != nil {
					return nil, err
				}
			}
		}
	}
	w.Flush()
	return b.Bytes(), w.Error()
}
