package register

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// The access report (Art. 15, and Art. 20 through its JSON and CSV): the
// data subject's linked entries with every field and the change log, the
// case's own correspondence, and the privacy notice's Art. 15(1)
// information, in the requester's language. It never holds another
// person's data: only linked entries; a contact person who is someone else
// is withheld; a colleague who forwarded the request is "Sesoma staff".

// ExportOptions say where and how an access report is written.
type ExportOptions struct {
	Dir        string    // the report's folder is made in this one (created 0700 if missing)
	Recipients []string  // the named recipients of the register's data (Art. 15(1)(c))
	NoticeDir  string    // replacement notice.<lang>.md files; "" for the built-in texts
	Lang       string    // fi, sv or en; "" for the case's language
	Now        time.Time // when the report is written; zero for now
}

// ExportResult is what an access report wrote.
type ExportResult struct {
	Folder  string   // the report's folder
	Files   []string // its files' paths: report.md, report.html, data.json, data.csv
	Lang    string   // the language it is written in
	Entries []string // the customer numbers it covers
}

// The files of an access report, in the order they are written.
var exportFiles = []string{"report.md", "report.html", "data.json", "data.csv"}

// exportEntry is one linked entry as the report shows it.
type exportEntry struct {
	Customer
	IsRestricted bool      // Art. 18: included all the same, this report is to the data subject
	Erased       time.Time // when its personal data was erased; zero if never
	Changes      []CustomerChange
	Withheld     []string // fields withheld because they name someone else
}

// exportData is everything an access report holds.
type exportData struct {
	Case      CaseDetail
	Lang      string
	Now       time.Time
	Entries   []exportEntry
	Messages  []exportMessage
	Notice    string // Markdown
	Withheld  string // what stands for a withheld value
	LangWords reportWords
}

// exportMessage is one message of the case as the report shows it.
type exportMessage struct {
	ReceivedAt    time.Time
	From          string
	Subject, Text string
}

// ExportAccess writes the access report of a case's linked entries into a
// new folder <opts.Dir>/<TAG>-access-<YYYYMMDD-HHMMSS>/ (0700, files
// 0600) and records it with the case (ActionAccess, and an audit entry
// naming the folder and the customer numbers, no values). It refuses a
// case with no linked entry, and removes what it wrote when the case or an
// entry changed meanwhile.
func (db *DB) ExportAccess(ctx context.Context, caseID int64, opts ExportOptions) (ExportResult, error) {
	d, err := db.exportData(ctx, caseID, opts)
	if err != nil {
		return ExportResult{}, err
	}
	content, err := renderExport(d)
	if err != nil {
		return ExportResult{}, fmt.Errorf("case %s: access report: %w", d.Case.Tag, err)
	}
	folder, err := makeExportFolder(opts.Dir, d.Case.Tag, d.Now)
	if err != nil {
		return ExportResult{}, fmt.Errorf("case %s: access report: %w", d.Case.Tag, err)
	}
	res := ExportResult{Folder: folder, Lang: d.Lang}
	for _, e := range d.Entries {
		res.Entries = append(res.Entries, e.Number)
	}
	for _, name := range exportFiles {
		path := filepath.Join(folder, name)
		if err := writePrivate(path, content[name]); err != nil {
			os.RemoveAll(folder)
			return ExportResult{}, fmt.Errorf("case %s: access report: %w", d.Case.Tag, err)
		}
		res.Files = append(res.Files, path)
	}
	if err := db.recordExport(ctx, d, filepath.Base(folder)); err != nil {
		os.RemoveAll(folder)
		return ExportResult{}, fmt.Errorf("case %s: access report: %w (the report was removed; nothing recorded)", d.Case.Tag, err)
	}
	return res, nil
}

// exportData reads what the access report of a case holds.
func (db *DB) exportData(ctx context.Context, caseID int64, opts ExportOptions) (exportData, error) {
	c, err := db.CaseByID(ctx, caseID)
	if err != nil {
		return exportData{}, err
	}
	d := exportData{Case: c, Now: opts.Now}
	if d.Now.IsZero() {
		d.Now = time.Now()
	}
	d.Now = d.Now.In(Helsinki).Truncate(time.Second)
	if d.Lang, err = db.exportLang(ctx, c.Case, opts.Lang); err != nil {
		return exportData{}, fmt.Errorf("case %s: access report: %w", c.Tag, err)
	}
	d.LangWords = words[d.Lang]
	d.Withheld = d.LangWords.Withheld
	linked, err := linkedEntries(ctx, db.r, caseID)
	if err != nil {
		return exportData{}, fmt.Errorf("case %s: read its linked entries: %w", c.Tag, err)
	}
	if len(linked) == 0 {
		return exportData{}, fmt.Errorf("case %s: access report: %w", c.Tag, ErrNoLinkedEntry)
	}
	for _, l := range linked {
		e, err := db.exportEntry(ctx, l.Customer, d.Withheld)
		if err != nil {
			return exportData{}, fmt.Errorf("case %s: entry %s: %w", c.Tag, l.Number, err)
		}
		d.Entries = append(d.Entries, e)
	}
	for _, m := range c.Messages {
		if m.Disposition == DispositionSent && !recipients(m.Headers)[strings.ToLower(c.Requester.Email)] {
			continue // our note to a colleague about the case: not the requester's correspondence
		}
		em := exportMessage{ReceivedAt: m.ReceivedAt, From: personLine(m.From), Subject: m.Subject, Text: m.Text}
		if m.StaffForward {
			em.From = d.LangWords.StaffSender
		}
		d.Messages = append(d.Messages, em)
	}
	d.Notice, err = renderNotice(opts.NoticeDir, NoticeData{Recipients: opts.Recipients, Lang: d.Lang, Case: c.Tag})
	if err != nil {
		return exportData{}, fmt.Errorf("case %s: access report: %w", c.Tag, err)
	}
	return d, nil
}

// exportEntry reads one linked entry's marks and change log, and withholds
// what names another person.
func (db *DB) exportEntry(ctx context.Context, c Customer, withheld string) (exportEntry, error) {
	e := exportEntry{Customer: c}
	var erased int64
	if err := db.r.QueryRowContext(ctx, `SELECT restricted, erased_at FROM customers WHERE id = ?`, c.ID).
		Scan(&e.IsRestricted, &erased); err != nil {
		return exportEntry{}, fmt.Errorf("read its restriction and erasure marks: %w", err)
	}
	if erased != 0 {
		e.Erased = time.Unix(erased, 0).In(Helsinki)
	}
	changes, err := db.CustomerChanges(ctx, c.ID)
	if err != nil {
		return exportEntry{}, fmt.Errorf("read its change log: %w", err)
	}
	e.Changes = []CustomerChange{}
	self := c.Fields["first_name"] + " " + c.Fields["last_name"]
	e.Fields = make(map[string]string, len(c.Fields))
	for k, v := range c.Fields {
		e.Fields[k] = v
	}
	e.Withheld = []string{}
	if v := c.Fields["contact_person"]; v != "" && !sameName(v, self) {
		e.Fields["contact_person"] = withheld
		e.Withheld = append(e.Withheld, "contact_person")
	}
	// Until the entry's person last changed, its values may have been
	// someone else's (the company's earlier contact): withhold the values
	// set before that change, and those it replaced.
	var personChanged time.Time
	for _, ch := range changes {
		if (ch.Field == "first_name" || ch.Field == "last_name") && ch.Old != "" {
			personChanged = ch.At
		}
	}
	for _, ch := range changes {
		if !personChanged.IsZero() && !ch.At.After(personChanged) {
			if ch.Old != "" {
				ch.Old = withheld
			}
			if ch.At.Before(personChanged) && ch.New != "" {
				ch.New = withheld
			}
		}
		if ch.Field == "contact_person" {
			if ch.Old != "" && !sameName(ch.Old, self) {
				ch.Old = withheld
			}
			if ch.New != "" && !sameName(ch.New, self) {
				ch.New = withheld
			}
		}
		e.Changes = append(e.Changes, ch)
	}
	return e, nil
}

// personLine writes a person as "Name <address>", or either alone.
func personLine(p Person) string {
	switch {
	case p.Name == "":
		return p.Email
	case p.Email == "":
		return p.Name
	}
	return p.Name + " <" + p.Email + ">"
}

// sameName says whether two names are one person's: the same words,
// ignoring case, accents and order ("Virtanen Matti" is "Matti Virtanen").
// A name with no words is nobody's.
func sameName(a, b string) bool {
	wa, wb := strings.Fields(foldName(a)), strings.Fields(foldName(b))
	slices.Sort(wa)
	slices.Sort(wb)
	return len(wa) > 0 && slices.Equal(wa, wb)
}

// exportLang picks the report's language: the one asked for, else the
// case's, else the first its messages were written in, else Finnish.
func (db *DB) exportLang(ctx context.Context, c Case, asked string) (string, error) {
	if asked != "" {
		if !slices.Contains(Languages, asked) {
			return "", fmt.Errorf("language %q: want one of fi, sv, en", asked)
		}
		return asked, nil
	}
	if slices.Contains(Languages, c.Lang) {
		return c.Lang, nil
	}
	var lang string
	err := db.r.QueryRowContext(ctx, `SELECT lang FROM messages WHERE case_id = ? AND lang IN ('fi', 'sv', 'en')
		ORDER BY received_at, id LIMIT 1`, c.ID).Scan(&lang)
	switch {
	case err == sql.ErrNoRows:
		return "fi", nil
	case err != nil:
		return "", fmt.Errorf("read the language of its messages: %w", err)
	}
	return lang, nil
}

// recordExport records a written access report with its case, in one
// transaction that first checks that neither the case nor an entry
// changed since the report read them.
func (db *DB) recordExport(ctx context.Context, d exportData, folder string) error {
	return db.tx(ctx, func(tx *sql.Tx) error {
		var version int64
		if err := tx.QueryRowContext(ctx, `SELECT version FROM cases WHERE id = ?`, d.Case.ID).Scan(&version); err != nil {
			return fmt.Errorf("read the case again: %w", err)
		}
		if version != d.Case.Version {
			return fmt.Errorf("the case changed while its access report was written, export again: %w", ErrConflict)
		}
		rec := ActionRecord{Action: ActionAccess, At: d.Now, Files: slices.Clone(exportFiles)}
		var numbers []string
		for _, e := range d.Entries {
			var v int64
			err := tx.QueryRowContext(ctx, `SELECT version FROM customers WHERE id = ?`, e.ID).Scan(&v)
			if err != nil || v != e.Version {
				return fmt.Errorf("entry %s changed while its access report was written: export again", e.Number)
			}
			rec.Entries = append(rec.Entries, EntryRecord{Number: e.Number})
			numbers = append(numbers, e.Number)
		}
		if err := db.recordAction(ctx, tx, d.Case.ID, rec); err != nil {
			return fmt.Errorf("record the action: %w", err)
		}
		return db.audit(ctx, tx, d.Case.ID, "access report written",
			fmt.Sprintf("%s (%s); entries %s", folder, d.Lang, strings.Join(numbers, ", ")))
	})
}

// makeExportFolder makes the report's new folder in dir: dir is created
// 0700 if missing and refused if every user can reach it; the folder is
// <tag>-access-<YYYYMMDD-HHMMSS>, with -2, -3… if that exists.
func makeExportFolder(dir, tag string, now time.Time) (string, error) {
	if dir == "" {
		return "", errors.New("no folder to write the report in")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create the export folder %s: %w", dir, err)
	}
	if err := CheckPrivate(dir); err != nil {
		return "", err
	}
	base := filepath.Join(dir, tag+"-access-"+now.In(Helsinki).Format("20060102-150405"))
	for i := 1; i <= 100; i++ {
		path := base
		if i > 1 {
			path = fmt.Sprintf("%s-%d", base, i)
		}
		err := os.Mkdir(path, 0o700)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("create the report folder %s: %w", path, err)
		}
		if err := os.Chmod(path, 0o700); err != nil { // whatever the umask
			os.Remove(path)
			return "", fmt.Errorf("make the report folder %s private: %w", path, err)
		}
		return path, nil
	}
	return "", fmt.Errorf("create the report folder %s: 100 folders of that name exist already", base)
}

// writePrivate writes a new file readable by its owner only.
func writePrivate(path string, content []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return fmt.Errorf("make %s private: %w", path, err)
	}
	if _, err := f.Write(content); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
